// Knowledge questions. Easy: widely known single facts or definitions. Hard: expert-depth
// questions, multi-hop chains, precise distinctions between close concepts, or questions whose
// common answer is a misconception. Label policy: one well-known fact or textbook definition -> 0;
// graduate-level knowledge, multi-hop composition, or nuanced comparisons with caveats -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { dress } from '../lib/style.ts';

const COUNTRIES = ['France', 'Japan', 'Kenya', 'Brazil', 'Canada', 'Egypt', 'Norway', 'India', 'Mexico', 'Australia', 'Vietnam', 'Peru', 'Poland', 'Ghana', 'Portugal', 'Thailand'] as const;
const ELEMENTS = ['oxygen', 'iron', 'sodium', 'gold', 'helium', 'carbon', 'silver', 'potassium', 'copper', 'neon', 'calcium', 'lead'] as const;
const ACRONYMS = ['HTTP', 'DNA', 'NASA', 'GDP', 'CPU', 'URL', 'PDF', 'UNESCO', 'SQL', 'API', 'VAT', 'HTML', 'GPS', 'LED', 'RAM', 'ATM'] as const;
const TERMS = ['photosynthesis', 'inflation', 'a prime number', 'an API', 'a noun', 'gravity', 'a mortgage', 'a firewall', 'democracy', 'a vaccine', 'an ecosystem', 'a spreadsheet', 'erosion', 'a dividend', 'an allergy', 'a metaphor'] as const;

const EASY_TEMPLATES: readonly ((rng: Rng) => string)[] = [
  (r) => `What is the capital of ${r.pick(COUNTRIES)}?`,
  (r) => `What's the chemical symbol for ${r.pick(ELEMENTS)}?`,
  (r) => `What does ${r.pick(ACRONYMS)} stand for?`,
  (r) => `What is ${r.pick(TERMS)}? One sentence.`,
  (r) => `Explain ${r.pick(TERMS)} like I'm ten.`,
  (r) => `Which continent is ${r.pick(COUNTRIES)} in?`,
  (r) => `What currency is used in ${r.pick(COUNTRIES)}?`,
  (r) => `How many ${r.pick(['days are in a leap year', 'minutes are in a day', 'sides does a hexagon have', 'planets are in the solar system', 'bones are in the adult human body', 'players are on a soccer team on the field', 'strings does a standard guitar have', 'continents are there'])}?`,
  (r) => `Who ${r.pick(['wrote Romeo and Juliet', 'painted the Mona Lisa', 'developed the theory of general relativity', 'was the first person to walk on the moon', 'composed the Moonlight Sonata', 'wrote Pride and Prejudice', 'discovered penicillin', 'invented the World Wide Web'])}?`,
  (r) => `What is the boiling point of water in ${r.pick(['Celsius', 'Fahrenheit', 'Kelvin'])} at sea level?`,
  (r) => `What language is mainly spoken in ${r.pick(COUNTRIES)}?`,
  (r) => `Is ${r.pick(['a tomato', 'a peanut', 'a strawberry', 'a cucumber', 'a pumpkin'])} a fruit or a vegetable, botanically?`,
  (r) => `What's the difference between ${r.pick(['weather and climate', 'a virus and a bacterium', 'RAM and storage', 'a lake and a pond', 'speed and velocity', 'a debit card and a credit card'])}, briefly?`,
  (r) => `Which planet is known as the ${r.pick(['Red Planet', 'largest planet', 'closest planet to the Sun', 'ringed planet everyone pictures'])}?`,
  (r) => `What year did ${r.pick(['World War II end', 'the Berlin Wall fall', 'the first iPhone come out', 'humans first land on the Moon', 'the Titanic sink'])}?`,
  (r) => `What is the largest ${r.pick(['ocean', 'desert', 'country by area', 'mammal', 'organ of the human body', 'planet'])}?`,
];

const HARD_QUESTIONS = [
  'Why does the Hall–Petch relationship break down at very small grain sizes, and what mechanisms take over?',
  'Explain how the Loper Bright decision changed judicial review of agency interpretations compared with Chevron, and what role Skidmore deference now plays.',
  'What is the difference between FWER and FDR control, and when is Benjamini–Hochberg invalid under dependence?',
  'In CRISPR base editing, why can\'t a cytosine base editor make all transition mutations, and what do prime editors add?',
  'Why is the Riemann zeta function\'s analytic continuation needed to state the Riemann hypothesis, and what would a counterexample imply for the prime counting error term?',
  'How does IFRS 16 change the treatment of operating leases for lessees compared with IAS 17, and what happens to EBITDA and leverage ratios?',
  'What distinguishes a Type Ia supernova\'s light curve from a core-collapse supernova\'s, and why are Type Ia used as standard candles despite not being perfectly uniform?',
  'Explain the Byzantine generals problem and why PBFT needs 3f+1 replicas, not 2f+1.',
  'What is the mechanism of action of SGLT2 inhibitors, and why do they show cardiovascular and renal benefit beyond glucose lowering?',
  'Under the Vienna Convention on the Law of Treaties, when can a state invoke fundamental change of circumstances, and why is it rarely successful?',
  'Why does the Miller–Rabin test have no strong liars for some bases below certain bounds, and how are deterministic base sets chosen for 64-bit integers?',
  'What caused the 1970s stagflation according to monetarist versus supply-shock explanations, and what evidence favours each?',
  'Explain the Curry–Howard correspondence with an example of a proof that corresponds to a specific typed lambda term.',
  'How do Raft and Paxos differ in leader election and log replication, and which safety property does each guarantee under network partitions?',
  'Why is the Kelly criterion optimal for log-wealth growth, and why do practitioners bet fractional Kelly?',
  'In Kantian ethics, how does the formula of humanity differ from the formula of universal law in cases like lying to a murderer at the door?',
  'What is the role of the Warburg effect in tumour metabolism, and why is aerobic glycolysis advantageous for proliferating cells?',
  'Explain why the quicksort worst case can be triggered adversarially against a deterministic pivot and how introsort avoids it.',
  'Why do long-dated bond prices react more to rate changes? Define Macaulay and modified duration and explain convexity\'s effect.',
  'How did the Treaty of Westphalia shape the modern concept of state sovereignty, and which historians dispute that narrative?',
  'What is the difference between heritability and genetic determination, and why can a trait be highly heritable yet change greatly across generations?',
  'How does TCP BBR estimate bottleneck bandwidth and RTT, and why can it be unfair to CUBIC flows?',
  'In German contract law, what is the abstraction principle and how does it differ from the French consensual transfer of ownership?',
  'What is Simpson\'s paradox, and give a real-world medical example where aggregating changed the conclusion?',
  'Explain why the vanishing-gradient problem affected RNNs and how LSTM gating and residual connections each address it.',
  'How does the doctrine of consideration differ between English law and civil-law systems, and what is promissory estoppel for?',
  'Why did the Bretton Woods system collapse? Explain the Triffin dilemma in that context.',
  'What are the differences between Type I and Type II hypersensitivity reactions, with one clinical example each, and how are they treated?',
  'Why does the speed of sound in air depend on temperature but not (to first order) on pressure?',
  'How does a Merkle–Damgård construction enable length-extension attacks and why is HMAC immune?',
] as const;

const HARD_TEMPLATES: readonly ((rng: Rng) => string)[] = [
  (r) => `Multi-part: ${r.pick(HARD_QUESTIONS)} Also give one common misconception about it and why it's wrong.`,
  (r) => `Compare ${r.pick(['MVCC in PostgreSQL and InnoDB', 'the Fed\'s and ECB\'s monetary policy mandates', 'common-law and civil-law approaches to precedent', 'mitosis and meiosis checkpoints', 'Keynesian and New Classical views of unemployment', 'ACID and BASE consistency models', 'utilitarian and contractualist accounts of fairness', 'renal and hepatic drug clearance'])} in a table with at least 6 dimensions, then explain the one difference that matters most in practice.`,
  (r) => `Which ${r.pick(['chemist', 'physicist', 'economist', 'mathematician'])} who won a Nobel-class prize ${r.pick(['before 1950', 'in the 1970s', 'after 2000'])} also made a major contribution to a second field? Explain the chain of reasoning and how confident you are.`,
  (r) => `What was the population of the capital of ${r.pick(COUNTRIES)} roughly 100 years ago, and what drove its growth since? If you are unsure, give a range and say why.`,
  (r) => `Is it true that ${r.pick(['we only use 10% of our brains', 'lightning never strikes the same place twice', 'the Great Wall is visible from space with the naked eye', 'sugar makes children hyperactive', 'glass is a slow-flowing liquid', 'Einstein failed maths at school'])}? Explain the evidence, where the myth came from, and the most accurate one-line correction.`,
];

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.45, 0.15);
  let prompt: string;
  if (difficulty === 'hard') prompt = rng.chance(0.55) ? rng.pick(HARD_QUESTIONS) : rng.pick(HARD_TEMPLATES)(rng);
  else if (difficulty === 'medium') prompt = `${rng.pick(EASY_TEMPLATES)(rng)} And ${rng.pick(['why?', 'how do we know?', 'give one example.', 'where does the name come from?'])}`;
  else prompt = rng.pick(EASY_TEMPLATES)(rng);
  return { prompt: dress(rng, prompt, { opener: 0.2 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const factualQa: DraftMaker = build;
