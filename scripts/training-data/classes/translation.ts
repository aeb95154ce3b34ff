// Translation. Easy: a short plain sentence into a widely spoken language. Hard: low-resource
// targets, legal/medical terminology, idioms and wordplay, ICU/i18n placeholders that must
// survive, register systems (keigo, tu/vous), verse, glossaries. Label policy: short literal text
// into a high-resource language -> 0; any of the hard factors above -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { COMMON_LANGUAGES, HARD_LANGUAGES, COMPANIES, PRODUCTS } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

const PLAIN = [
  'Where is the nearest train station?', 'The meeting starts at ten o\'clock.', 'Thank you for your order.',
  'Your package will arrive tomorrow.', 'Please close the door when you leave.', 'I would like a table for four.',
  'The shop is closed on Sundays.', 'Can you send me the invoice?', 'We are happy to help.', 'My phone battery is dead.',
  'How much does this cost?', 'The weather is nice today.', 'Please enter your password.', 'Your account has been created.',
  'Our office is on the third floor.', 'I am running ten minutes late.', 'Do you have this in a larger size?',
  'The report is attached.', 'Happy birthday! Have a great day.', 'Save changes before closing?', 'Free shipping on orders over 50 euros.',
] as const;

const FOREIGN_SOURCES = [
  { text: 'Nous avons bien reçu votre paiement, merci.', lang: 'French' },
  { text: 'Können Sie mir bitte die Rechnung schicken?', lang: 'German' },
  { text: 'El pedido llegará el lunes por la mañana.', lang: 'Spanish' },
  { text: 'Il museo apre alle nove.', lang: 'Italian' },
  { text: 'Obrigado pela sua paciência.', lang: 'Portuguese' },
  { text: 'De vergadering is verplaatst naar donderdag.', lang: 'Dutch' },
] as const;

const LEGAL = [
  'The Licensee shall indemnify and hold harmless the Licensor from any claim arising out of the Licensee\'s negligence, save to the extent caused by the Licensor\'s wilful default.',
  'Time is of the essence for all payment obligations under this Agreement.',
  'This clause survives termination and is without prejudice to any accrued rights.',
  'The tenant covenants not to assign, sublet or part with possession of the premises without the landlord\'s prior written consent, such consent not to be unreasonably withheld.',
] as const;

const MEDICAL = [
  'Take two tablets by mouth every 8 hours as needed for pain; do not exceed 6 tablets in 24 hours. Contraindicated in patients with severe hepatic impairment.',
  'Informed consent: the risks of the procedure include bleeding, infection, and in rare cases perforation requiring emergency surgery.',
  'Hold metformin 48 hours before and after iodinated contrast if eGFR is below 30.',
] as const;

const IDIOMS = [
  'It\'s not rocket science, but don\'t bite off more than you can chew.',
  'We\'re not out of the woods yet, so let\'s not count our chickens.',
  'That pitch was a home run; the client ate it up.',
  'Our support team goes the extra mile — we don\'t just talk the talk.',
  'Break a leg tonight, and don\'t let the critics rain on your parade!',
] as const;

function i18nJson(rng: Rng): string {
  const product = rng.pick(PRODUCTS);
  return `{\n  "cart.items": "{count, plural, =0 {Your cart is empty} one {# item in your cart} other {# items in your cart}}",\n  "cart.cta": "Check out now and save {percent}%",\n  "product.title": "<b>${product}</b> by {brand}",\n  "order.eta": "Arrives {date, date, medium} if you order within {hours} hours"\n}`;
}

function easy(rng: Rng): string {
  const language = rng.pick(COMMON_LANGUAGES);
  const text = rng.pick(PLAIN);
  if (rng.chance(0.2)) {
    const source = rng.pick(FOREIGN_SOURCES);
    return rng.pick([`Translate to English: ${source.text}`, `What does "${source.text}" mean?`, `${source.text}\n\nEnglish please`]);
  }
  return rng.pick([
    `Translate to ${language}: "${text}"`,
    `How do you say "${text}" in ${language}?`,
    `${language} translation of: ${text}`,
    `Please translate this sentence into ${language}. ${text}`,
    `en -> ${language.slice(0, 2).toLowerCase()}: ${text}`,
  ]);
}

function medium(rng: Rng): string {
  const language = rng.pick(COMMON_LANGUAGES);
  const texts = rng.sample(PLAIN, rng.int(3, 5));
  return `Translate these UI strings to ${language}, keep them short, return a JSON object mapping English to ${language}:\n${texts.map((text) => `- ${text}`).join('\n')}`;
}

function hard(rng: Rng): string {
  const common = rng.pick(COMMON_LANGUAGES);
  const rare = rng.pick(HARD_LANGUAGES);
  const company = rng.pick(COMPANIES);
  const roll = rng.int(0, 8);
  if (roll === 0) return `Translate into ${rare}. Keep it natural, not word-for-word, and add a back-translation into English so I can check it:\n"${rng.pick([...PLAIN, ...IDIOMS])}"`;
  if (roll === 1) return `Translate this contract sentence into legal ${common} as it would appear in a contract governed by that country's law. Use the correct terms of art (not literal equivalents), and add a note on any concept that has no exact counterpart:\n\n${rng.pick(LEGAL)}`;
  if (roll === 2) return `You are a medical translator. Translate for a patient leaflet in ${rng.pick([common, rare])}. Keep dosing numbers exact, use lay terms a patient understands, and flag any term where a mistranslation could cause harm:\n\n${rng.pick(MEDICAL)}`;
  if (roll === 3) return `Localise these i18n strings for ${rng.pick(['Polish', 'Russian', 'Arabic', 'Czech', 'Lithuanian', 'Welsh'])}. Preserve ICU syntax exactly, adapt the plural categories to the target language's rules (add the categories it needs), keep placeholders and HTML tags untouched, return valid JSON only:\n\n${i18nJson(rng)}`;
  if (roll === 4) return `Translate into ${common} and keep the wordplay working — if a pun can't survive, replace it with an equivalent pun in ${common} and explain your choice:\n"${rng.pick(IDIOMS)}"`;
  if (roll === 5) return `Translate this customer email from ${company} into Japanese using appropriate keigo (sonkeigo for the customer's actions, kenjougo for ours). Then explain three register choices you made.\n\n"Dear customer, we apologise for the delay. We will send the replacement ${rng.pick(PRODUCTS)} tomorrow and would be grateful if you could return the faulty one at your convenience."`;
  if (roll === 6) return `Translate this quatrain into ${common} preserving the ABAB rhyme and roughly the same metre; meaning may bend slightly but not the images:\n\nThe harbour lamps go out at dawn,\nthe gulls rehearse their quarrel-song,\nthe night's last ferry, slow and drawn,\ncarries the ones who stayed too long.`;
  if (roll === 7) return `Glossary (must use exactly): "account" -> "${rng.pick(['cuenta', 'compte', 'Konto'])}", "statement" -> "${rng.pick(['extracto', 'relevé', 'Auszug'])}", "hold" -> "${rng.pick(['retención', 'blocage', 'Sperre'])}". Translate into the language implied by the glossary, and explain where the glossary term sounds unnatural but must be kept:\n\n"A hold has been placed on your account until we receive your signed statement. Holds over 30 days require manager approval, and your statement must match the account name exactly."`;
  return `Translate the comments and user-facing strings in this code into ${common}, but leave identifiers, log keys and format specifiers unchanged:\n\n\`\`\`python\n# Retry the upload a few times before giving up\nfor attempt in range(MAX_RETRIES):\n    try:\n        upload(file)  # may raise TimeoutError\n        print(f"Uploaded {file.name} ({attempt + 1} attempts)")\n        break\n    except TimeoutError:\n        log.warning("upload.timeout", extra={"file": file.name})\nelse:\n    raise RuntimeError("Upload failed, please check your connection")\n\`\`\``;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.18);
  const prompt = difficulty === 'easy' ? easy(rng) : difficulty === 'medium' ? medium(rng) : hard(rng);
  return { prompt: dress(rng, prompt, { typo: 0.03 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const translation: DraftMaker = build;
