/** Names and places the generator draws from; accented names are there on purpose. */

export const usFirstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen',
  'José', 'María', 'Zoë', 'Chloé', 'André', 'Renée', 'Łukasz', 'Søren', 'Björn', 'François',
  'Anh', 'Minh', 'Aaliyah', 'Darnell', 'Priya', 'Wei', 'Hiroshi', 'Fatima', 'Ángel', 'Inés',
] as const;

export const usLastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Müller', 'Nguyễn', 'Trần', 'Peña', 'Muñoz', 'Ibáñez', 'Kowalski', 'Wójcik', 'Østergaard', 'Schäfer',
  "O'Brien", 'McAllister', 'Lee', 'Kim', 'Patel', 'Chen', 'Okafor', 'Dubois', 'Côté', 'Łukaszewicz',
] as const;

export const nlFirstNames = [
  'Jan', 'Pieter', 'Kees', 'Henk', 'Sanne', 'Eva', 'Lotte', 'Daan', 'Sem', 'Femke',
  'Anouk', 'Bram', 'Ruud', 'Noor', 'Joëlle', 'Chloë', 'Thijs', 'Maartje', 'Sophie', 'Lars',
] as const;

export const nlInfixes = ['', '', '', 'de', 'van', 'van den', 'van der', 'van de', 'ter', "'t"] as const;

export const nlLastNames = [
  'Vries', 'Jong', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos',
  'Berg', 'Dijk', 'Boer', 'Leeuwen', 'Hoek', 'Brink', 'Graaf', 'Heuvel', 'Wit', 'Groot',
] as const;

export const businessSuffixesUs = ['LLC', 'Inc.', 'Logistics LLC', 'Plumbing', 'Dental Group', 'Auto Repair'] as const;
export const businessSuffixesNl = ['B.V.', 'Transport B.V.', 'Installatietechniek', 'Bouw B.V.'] as const;

export interface UsState {
  readonly code: string;
  readonly zip3: readonly string[];
  readonly areaCodes: readonly string[];
}

export const usStates: readonly UsState[] = [
  { code: 'NY', zip3: ['100', '101', '112', '146'], areaCodes: ['212', '646', '718', '585'] },
  { code: 'CA', zip3: ['900', '941', '921', '958'], areaCodes: ['213', '415', '619', '916'] },
  { code: 'TX', zip3: ['750', '770', '787', '799'], areaCodes: ['214', '713', '512', '915'] },
  { code: 'FL', zip3: ['331', '328', '336', '322'], areaCodes: ['305', '407', '813', '904'] },
  { code: 'IL', zip3: ['606', '605', '617'], areaCodes: ['312', '630', '217'] },
  { code: 'GA', zip3: ['303', '314', '310'], areaCodes: ['404', '912', '478'] },
  { code: 'NC', zip3: ['282', '276', '274'], areaCodes: ['704', '919', '336'] },
  { code: 'SC', zip3: ['292', '294', '296'], areaCodes: ['803', '843', '864'] },
  { code: 'WA', zip3: ['981', '992', '984'], areaCodes: ['206', '509', '253'] },
  { code: 'AZ', zip3: ['850', '857', '860'], areaCodes: ['602', '520', '928'] },
  { code: 'OH', zip3: ['432', '441', '452'], areaCodes: ['614', '216', '513'] },
  { code: 'MI', zip3: ['482', '495', '488'], areaCodes: ['313', '616', '517'] },
];

export interface NlProvince {
  readonly code: string;
  /** First two digits of the province's postcodes. */
  readonly postcode2: readonly string[];
}

export const nlProvinces: readonly NlProvince[] = [
  { code: 'NH', postcode2: ['10', '11', '20', '15'] },
  { code: 'ZH', postcode2: ['25', '30', '23', '27'] },
  { code: 'UT', postcode2: ['35', '34', '37'] },
  { code: 'NB', postcode2: ['50', '48', '56'] },
  { code: 'GE', postcode2: ['68', '73', '65'] },
  { code: 'GR', postcode2: ['97', '96'] },
];

/** Dutch postcode letters never use SA, SD or SS; the generator simply avoids S. */
export const postcodeLetters = 'ABCDEFGHJKLMNPRTVWXZ';
