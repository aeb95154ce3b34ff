// Slot vocabularies shared across classes. All company and product names are invented so the
// corpus carries no real customer data and no trademarks a router could latch onto.

export const FIRST_NAMES = [
  'Maria', 'Jamal', 'Priya', 'Tomasz', 'Aiko', 'Luis', 'Fatima', 'Oliver', 'Chen', 'Amara',
  'Diego', 'Ingrid', 'Kwame', 'Sofia', 'Rahul', 'Hannah', 'Mateo', 'Yuki', 'Elena', 'Samir',
  'Grace', 'Noah', 'Leila', 'Bjorn', 'Zara', 'Ethan', 'Mei', 'Olu', 'Carmen', 'Ivan',
  'Nadia', 'Felix', 'Anya', 'Tariq', 'Rosa', 'Kenji', 'Abigail', 'Marcus', 'Lucia', 'Dev',
  'Freya', 'Omar', 'Chloe', 'Pavel', 'Ines', 'Kofi', 'Sana', 'Liam', 'Hyun-woo', 'Beatriz',
] as const;

export const SURNAMES = [
  'Okafor', 'Lindqvist', 'Fernandes', 'Nakamura', 'Haddad', 'Kowalski', 'Reyes', 'Brennan', 'Osei', 'Varga',
  'Patel', 'Moreau', 'Schultz', 'Adeyemi', 'Castillo', 'Ivanova', 'Mbeki', 'Tanaka', 'Whitfield', 'Rossi',
  'Nguyen', 'Dubois', 'Kaur', 'Petrov', 'Almeida', 'Hughes', 'Sato', 'Mensah', 'Novak', 'Farouk',
] as const;

export const COMPANIES = [
  'Northwind Freight', 'Bluepeak Health', 'Quillstone Bank', 'Harbor & Finch', 'Lumen Grid Energy',
  'Tessellate Labs', 'Orchard Lane Grocers', 'Vantage Mobility', 'Cobalt Insurance', 'Brightwell Schools',
  'Kestrel Aviation', 'Meridian Telecom', 'Saltmarsh Foods', 'Pinecrest Realty', 'Ironbark Manufacturing',
  'Juniper Travel', 'Solace Clinics', 'Redfern Retail', 'Atlas Payroll', 'Greywater Utilities',
] as const;

export const PRODUCTS = [
  'wireless earbuds', 'standing desk', 'espresso machine', 'running shoes', 'air purifier',
  'mechanical keyboard', 'baby stroller', 'electric toothbrush', 'robot vacuum', 'yoga mat',
  'smartwatch', 'cast-iron skillet', 'office chair', 'portable charger', 'hiking backpack',
  'noise-cancelling headphones', 'blender', 'e-reader', 'desk lamp', 'winter jacket',
] as const;

export const CITIES = [
  'Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Krakow', 'Austin', 'Melbourne', 'Bogota', 'Rotterdam', 'Pune',
  'Accra', 'Seoul', 'Lyon', 'Denver', 'Cape Town', 'Helsinki', 'Monterrey', 'Manchester', 'Porto', 'Hanoi',
] as const;

export const DOMAINS = [
  'logistics', 'healthcare', 'retail banking', 'e-commerce', 'insurance', 'education', 'energy',
  'telecom', 'real estate', 'manufacturing', 'travel', 'payroll', 'agriculture', 'gaming', 'public sector',
] as const;

export const DEPARTMENTS = ['Finance', 'Legal', 'Support', 'Sales', 'Engineering', 'HR', 'Operations', 'Procurement', 'Marketing', 'Security'] as const;

/** Target languages a light model handles well. */
export const COMMON_LANGUAGES = ['Spanish', 'French', 'German', 'Italian', 'Portuguese', 'Dutch'] as const;

/** Languages where light models are noticeably weaker, or where register rules are hard. */
export const HARD_LANGUAGES = [
  'Yoruba', 'Amharic', 'Khmer', 'Icelandic', 'Tagalog', 'Basque', 'Georgian', 'Sinhala', 'Lao', 'Welsh',
  'Zulu', 'Latvian', 'Mongolian', 'Quechua', 'Maltese',
] as const;

export const PROGRAMMING_LANGUAGES = ['Python', 'TypeScript', 'Go', 'Rust', 'Java', 'SQL', 'Bash', 'C#', 'Kotlin', 'Ruby'] as const;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Plural nouns for business entities; code snippets and schemas are re-skinned with these. */
export const ENTITIES = [
  { one: 'order', many: 'orders', field: 'total' },
  { one: 'invoice', many: 'invoices', field: 'amount' },
  { one: 'user', many: 'users', field: 'age' },
  { one: 'shipment', many: 'shipments', field: 'weight' },
  { one: 'ticket', many: 'tickets', field: 'priority' },
  { one: 'booking', many: 'bookings', field: 'nights' },
  { one: 'payment', many: 'payments', field: 'amount' },
  { one: 'product', many: 'products', field: 'price' },
  { one: 'employee', many: 'employees', field: 'salary' },
  { one: 'sensor', many: 'sensors', field: 'reading' },
  { one: 'patient', many: 'patients', field: 'dose' },
  { one: 'account', many: 'accounts', field: 'balance' },
] as const;

export type Entity = (typeof ENTITIES)[number];

export function fullName(first: string, last: string): string {
  return `${first} ${last}`;
}

/** An ISO date in 2023–2025, built from the given random integers. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
