// Hand-written multiple-choice items (original to this corpus). First option is the key; the
// builder shuffles. Easy items test recall of widely taught facts; hard items need expert
// knowledge, careful reading of NOT/EXCEPT, or several reasoning steps.

export interface Item { subject: string; question: string; options: [string, string, string, string] }

export const EASY_ITEMS: readonly Item[] = [
  { subject: 'biology', question: 'Which organelle is the main site of ATP production in animal cells?', options: ['Mitochondrion', 'Ribosome', 'Golgi apparatus', 'Lysosome'] },
  { subject: 'chemistry', question: 'What is the pH of pure water at 25 °C?', options: ['7', '0', '14', '1'] },
  { subject: 'physics', question: 'What is the SI unit of force?', options: ['Newton', 'Joule', 'Watt', 'Pascal'] },
  { subject: 'geography', question: 'Which river flows through Cairo?', options: ['The Nile', 'The Congo', 'The Niger', 'The Zambezi'] },
  { subject: 'history', question: 'Which wall fell in 1989, symbolising the end of the Cold War division of Europe?', options: ['The Berlin Wall', 'Hadrian\'s Wall', 'The Great Wall', 'The Western Wall'] },
  { subject: 'economics', question: 'When the price of a normal good rises and nothing else changes, quantity demanded usually:', options: ['Falls', 'Rises', 'Stays exactly the same', 'Becomes negative'] },
  { subject: 'computer science', question: 'Which data structure works on a last-in, first-out basis?', options: ['Stack', 'Queue', 'Hash table', 'Linked list'] },
  { subject: 'accounting', question: 'Assets equal liabilities plus what?', options: ['Equity', 'Revenue', 'Expenses', 'Dividends'] },
  { subject: 'law', question: 'In most legal systems, a person accused of a crime is presumed to be:', options: ['Innocent until proven guilty', 'Guilty until proven innocent', 'Neither innocent nor guilty', 'Guilty if arrested'] },
  { subject: 'medicine', question: 'Which blood cells primarily carry oxygen?', options: ['Red blood cells', 'White blood cells', 'Platelets', 'Plasma cells'] },
  { subject: 'philosophy', question: '"I think, therefore I am" is associated with which philosopher?', options: ['René Descartes', 'John Locke', 'David Hume', 'Aristotle'] },
  { subject: 'engineering', question: 'Which material is commonly used for electrical wiring because of its high conductivity and low cost?', options: ['Copper', 'Glass', 'Rubber', 'Wood'] },
  { subject: 'astronomy', question: 'What is the closest star to Earth?', options: ['The Sun', 'Proxima Centauri', 'Sirius', 'Polaris'] },
  { subject: 'literature', question: 'Who wrote "Don Quixote"?', options: ['Miguel de Cervantes', 'Gabriel García Márquez', 'Dante Alighieri', 'Victor Hugo'] },
  { subject: 'statistics', question: 'The middle value of an ordered data set is called the:', options: ['Median', 'Mean', 'Mode', 'Range'] },
  { subject: 'nutrition', question: 'Which vitamin does the skin produce when exposed to sunlight?', options: ['Vitamin D', 'Vitamin C', 'Vitamin B12', 'Vitamin K'] },
  { subject: 'music', question: 'How many lines does a standard musical staff have?', options: ['Five', 'Four', 'Six', 'Seven'] },
  { subject: 'earth science', question: 'What type of rock forms from cooled magma or lava?', options: ['Igneous', 'Sedimentary', 'Metamorphic', 'Fossil'] },
  { subject: 'political science', question: 'A system where power is divided between a central government and regional governments is called:', options: ['Federalism', 'Monarchy', 'Anarchy', 'Feudalism'] },
  { subject: 'networking', question: 'Which protocol is used to translate domain names into IP addresses?', options: ['DNS', 'FTP', 'SMTP', 'SSH'] },
  { subject: 'chemistry', question: 'Which gas do plants absorb from the air for photosynthesis?', options: ['Carbon dioxide', 'Oxygen', 'Nitrogen', 'Hydrogen'] },
  { subject: 'marketing', question: 'The "4 Ps" of marketing are product, price, place and:', options: ['Promotion', 'Profit', 'People', 'Packaging'] },
  { subject: 'psychology', question: 'Classical conditioning is most associated with which researcher\'s experiments with dogs?', options: ['Ivan Pavlov', 'Sigmund Freud', 'Jean Piaget', 'Carl Rogers'] },
  { subject: 'art history', question: 'Which artist painted "The Starry Night"?', options: ['Vincent van Gogh', 'Claude Monet', 'Pablo Picasso', 'Rembrandt'] },
  { subject: 'finance', question: 'A bond that pays no periodic interest and is sold at a discount is called a:', options: ['Zero-coupon bond', 'Convertible bond', 'Perpetual bond', 'Junk bond'] },
];

export const HARD_ITEMS: readonly Item[] = [
  { subject: 'pharmacology', question: 'A patient on warfarin starts a new drug and their INR rises sharply. Which of the following is LEAST likely to be responsible?', options: ['Rifampicin', 'Fluconazole', 'Metronidazole', 'Amiodarone'] },
  { subject: 'constitutional law', question: 'Under the US Constitution, which of the following is NOT a power the President can exercise without the Senate?', options: ['Ratifying a treaty', 'Granting a pardon for a federal offence', 'Vetoing a bill', 'Issuing an executive order to federal agencies'] },
  { subject: 'contract law', question: 'A offers to sell B a car for $5,000, saying the offer stays open for a week. B pays nothing for this promise. On day 3 A sells the car to C, and B learns of this from a reliable third party, then on day 4 tries to accept. Under classic common-law rules, which is most accurate?', options: ['No contract: the offer was effectively revoked when B learned of the sale', 'A contract exists because the offer was stated to remain open for a week', 'A contract exists because revocation must be communicated by the offeror personally', 'No contract, because offers for goods over $500 must be in writing to exist'] },
  { subject: 'microeconomics', question: 'A monopolist faces demand P = 100 − 2Q and has constant marginal cost 20. What is the deadweight loss compared with perfect competition?', options: ['400', '800', '200', '1,600'] },
  { subject: 'thermodynamics', question: 'An ideal gas undergoes a reversible isothermal expansion to twice its volume. Which statement is FALSE?', options: ['The internal energy of the gas increases', 'The gas absorbs heat from the reservoir', 'The entropy of the gas increases', 'The work done by the gas equals the heat absorbed'] },
  { subject: 'epistemology', question: 'Which scenario is a Gettier-style counterexample to justified true belief?', options: ['Believing it is noon from a stopped clock that happens to show the correct time', 'Believing it will rain because the forecast says so, and it does', 'Doubting a true statement because of a misleading rumour', 'Believing a false statement on good evidence'] },
  { subject: 'immunology', question: 'Which of the following is NOT a feature of the adaptive immune response?', options: ['Pattern recognition through Toll-like receptors as its primary mechanism', 'Clonal expansion of antigen-specific lymphocytes', 'Immunological memory', 'Somatic recombination generating receptor diversity'] },
  { subject: 'corporate finance', question: 'Under Modigliani–Miller with corporate taxes but no distress costs, increasing leverage:', options: ['Increases firm value by the present value of the interest tax shield', 'Has no effect on firm value', 'Decreases firm value because equity becomes riskier', 'Increases the WACC'] },
  { subject: 'organic chemistry', question: 'Which substrate reacts fastest by SN1 in aqueous ethanol?', options: ['tert-Butyl bromide', 'Methyl bromide', '1-Bromobutane', 'Bromobenzene'] },
  { subject: 'international law', question: 'Which of the following is generally NOT a source of international law listed in Article 38 of the ICJ Statute?', options: ['UN General Assembly resolutions as binding law', 'International conventions', 'International custom', 'General principles of law recognised by civilised nations'] },
  { subject: 'computer architecture', question: 'A direct-mapped cache has 64 lines of 32 bytes with 32-bit addresses. How many tag bits are there?', options: ['21', '26', '19', '24'] },
  { subject: 'medieval history', question: 'Which of the following was NOT a consequence commonly attributed to the Black Death in Western Europe?', options: ['A lasting fall in real wages for surviving labourers', 'Labour shortages that strengthened peasants\' bargaining power', 'Attempts to cap wages by statute', 'Abandonment of some villages'] },
  { subject: 'ethics', question: 'A rule-utilitarian and an act-utilitarian disagree about breaking a promise in a case where breaking it yields slightly more utility. Which best describes the rule-utilitarian\'s position?', options: ['Keep the promise if a general rule of promise-keeping maximises utility', 'Break the promise because it yields more utility', 'Keep the promise because promises have intrinsic value regardless of outcomes', 'Either choice is permissible because utilities are close'] },
  { subject: 'structural engineering', question: 'A simply supported beam of span L carries a uniformly distributed load w. If the span doubles and the load per metre stays the same, the maximum mid-span deflection:', options: ['Increases by a factor of 16', 'Doubles', 'Increases by a factor of 4', 'Increases by a factor of 8'] },
  { subject: 'auditing', question: 'Which procedure provides the LEAST reliable evidence about the existence of accounts receivable?', options: ['Inquiry of the client\'s credit manager', 'Positive confirmation sent directly to customers', 'Examining subsequent cash receipts', 'Vouching to shipping documents'] },
  { subject: 'neuroscience', question: 'Blocking voltage-gated sodium channels on an axon would most directly prevent:', options: ['The rising phase of the action potential', 'The resting membrane potential', 'Neurotransmitter reuptake', 'Potassium leak currents'] },
  { subject: 'probability', question: 'A family has two children, and at least one is a boy born on a Tuesday. Assuming independence and equal probabilities, what is the probability that both are boys?', options: ['13/27', '1/2', '1/3', '7/15'] },
  { subject: 'tax', question: 'Which of the following statements about a value-added tax is NOT correct?', options: ['Businesses bear the final economic burden of VAT on their sales', 'Registered businesses can generally reclaim input VAT', 'VAT is collected at each stage of production', 'Exports are commonly zero-rated'] },
];
