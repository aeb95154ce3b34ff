// Short texts to be classified. Written by hand for this corpus; the clear-cut ones feed easy
// prompts, the sarcastic / mixed / domain-heavy ones feed hard prompts.

export const CLEAR_REVIEWS = [
  { text: 'Arrived on time, works perfectly, would buy again.', label: 'positive' },
  { text: 'Broke after two days. Complete waste of money.', label: 'negative' },
  { text: 'It does what it says. Nothing special.', label: 'neutral' },
  { text: 'Absolutely love it, the battery lasts forever!', label: 'positive' },
  { text: 'The strap snapped the first time I used it.', label: 'negative' },
  { text: 'Customer service replaced it within a day, very happy.', label: 'positive' },
  { text: 'Too loud and the lid does not close properly.', label: 'negative' },
  { text: 'Average quality for the price.', label: 'neutral' },
  { text: 'Best purchase I have made this year.', label: 'positive' },
  { text: 'Smelled of chemicals for a week and gave me a headache.', label: 'negative' },
  { text: 'Delivered in a plain box. Haven\'t tried it yet.', label: 'neutral' },
  { text: 'My kids use it every day and it still looks new.', label: 'positive' },
  { text: 'Stopped charging after the first month, support never answered.', label: 'negative' },
  { text: 'Colour is slightly different from the photo but fine.', label: 'neutral' },
  { text: 'Super comfy and easy to clean. Five stars.', label: 'positive' },
] as const;

export const TRICKY_REVIEWS = [
  'Oh great, another "premium" charger that needs a nap after charging my phone to 40%. Truly revolutionary.',
  'I wanted to hate it because my ex recommended it, but honestly... it\'s fine. Annoyingly fine.',
  'Five stars for the packaging. The product inside is a different story.',
  'Not bad, not bad at all — if you enjoy reassembling it every Sunday.',
  'Returned it. Then bought it again a month later because nothing else comes close despite the awful app.',
  'The sound is incredible, which makes it even more painful that the left bud died in week three.',
  'Love how it "automatically" updates at 3am and forgets all my settings. Such a thoughtful feature.',
  'Customer support was lovely and apologetic and ultimately useless.',
  'It isn\'t the worst thing I\'ve bought, that honour still goes to my gym membership.',
  'Works as described. Described poorly, but works as described.',
  'Would give zero stars if I could, but it did make a decent doorstop, so two.',
  'My cat approves. I do not. The cat is in charge, so: positive, I guess?',
  'Cheaper than the competition and you can tell. Still, for a dorm room it\'s exactly enough.',
  'The first unit was defective, the replacement is excellent. Mixed feelings about the whole saga.',
  'Honestly shocked how good this is for the price. Shocked in a bad way about the cable length though.',
] as const;

export const TICKETS = [
  'I was charged twice for my subscription this month, can you refund one of them?',
  'The app crashes every time I open the settings page on Android 14.',
  'How do I change the email address on my account?',
  'I want to cancel my plan effective immediately.',
  'Your driver left the parcel in the rain and everything is soaked.',
  'Can I upgrade to the annual plan and get the discount applied retroactively?',
  'Password reset email never arrives, checked spam already.',
  'Is there an API rate limit for the free tier?',
  'Someone logged into my account from another country last night.',
  'The invoice shows the wrong company name for our VAT filing.',
  'Love the new dashboard! Any chance of a dark mode?',
  'Order #55120 says delivered but I never got it.',
  'We need to add 40 seats to our enterprise contract before Friday.',
  'The export to CSV cuts off after 10,000 rows.',
  'I think your pricing page is misleading about what "unlimited" means.',
] as const;

export const HEADLINES = [
  'Central bank holds rates steady as inflation cools',
  'Local team clinches title in extra time thriller',
  'New battery chemistry promises faster charging for EVs',
  'Parliament passes revised data protection bill',
  'Museum reopens after two-year renovation',
  'Drought forces farmers to cut wheat planting',
  'Startup raises Series B to expand drone deliveries',
  'Researchers map protein linked to rare childhood disease',
  'City council approves new bike lanes downtown',
  'Streaming service to raise prices next quarter',
  'Heatwave warnings issued across the southern region',
  'Chess prodigy, 12, earns grandmaster norm',
] as const;

export const MESSAGES = [
  'Congratulations!!! You have WON a $1,000 gift card, click here to claim before midnight',
  'Hey, are we still on for lunch tomorrow at 12?',
  'Your package could not be delivered. Pay the $1.99 redelivery fee at this link',
  'Reminder: the quarterly report is due Friday.',
  'URGENT: your account will be suspended, verify your password now',
  'Mom says dinner is at 7, bring the salad',
  'Final notice: claim your unpaid tax refund by replying with your bank details',
  'The build is green again, thanks for the quick fix',
  'Hot singles in your area want to meet you',
  'Can you review my PR when you get a sec?',
] as const;

/** Texts that need real domain knowledge to place correctly. */
export const DOMAIN_ITEMS = [
  { text: 'Patient presents with polyuria, polydipsia and HbA1c of 8.9%.', scheme: 'ICD-10 chapter' },
  { text: 'Tenant withheld rent citing landlord\'s failure to repair heating for 6 weeks in winter.', scheme: 'area of law and the doctrine most likely at issue' },
  { text: 'Shipment of lithium-ion power banks, 20,000 mAh, packed with equipment.', scheme: 'UN dangerous goods class and packing instruction' },
  { text: 'Company recognised revenue for a 3-year software licence entirely in year one.', scheme: 'accounting standard issue (IFRS 15 / ASC 606 step)' },
  { text: 'Attacker sent a crafted JWT with alg "none" and gained admin access.', scheme: 'CWE category and OWASP Top 10 category' },
  { text: 'Fine-grained sandstone with cross-bedding and ripple marks, no fossils.', scheme: 'depositional environment' },
  { text: 'Child, 4, barking cough worse at night, inspiratory stridor at rest.', scheme: 'triage urgency (ESI level) with justification' },
  { text: 'Supplier contract clause caps liability at fees paid in the prior 12 months except for gross negligence.', scheme: 'clause type in a contract taxonomy' },
  { text: 'Bond yields rise while equities fall and the dollar strengthens after a hawkish surprise.', scheme: 'macro regime label' },
  { text: 'Employee fired two days after filing a safety complaint with the regulator.', scheme: 'employment law claim type' },
] as const;

export const INTENT_TAXONOMY = [
  'billing.refund', 'billing.double_charge', 'billing.invoice_correction', 'account.access', 'account.security_incident',
  'account.profile_change', 'plan.upgrade', 'plan.cancel', 'product.bug', 'product.feature_request',
  'shipping.lost', 'shipping.damaged', 'api.limits', 'sales.enterprise', 'complaint.pricing', 'other',
] as const;
