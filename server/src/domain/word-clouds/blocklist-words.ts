/**
 * The default blocklist of a word cloud: insults, slurs and sexual or scatological vulgarity, in French
 * and English, with the spelling variants and abbreviations people type. Entries are matched on whole
 * words after normalisation (case, accents, plural and feminine endings: "Enculées" matches "enculé"),
 * never on substrings, so "contribution", "député" or "salopette" are not caught.
 *
 * Left out on purpose because they are also ordinary words a workshop may use: "cul" (cul-de-sac),
 * "chatte" (a cat), "retard" (the English slur is also French for "delay"), "gueule" (faire la gueule),
 * "ordure(s)" (ramassage des ordures), "débile", "idiot", "bouffon", "raton" (raton laveur), "pédale",
 * "cock", "ass", "crack". A facilitator hides what the list misses.
 */
export const DEFAULT_BLOCKED_WORDS: readonly string[] = [
  // French insults and vulgarity
  'con', 'conne', 'concon', 'connard', 'conard', 'connar', 'konar', 'connasse', 'conasse',
  'pute', 'putain', 'ptn', 'ptain', 'salope', 'salop', 'saloppe', 'salaud', 'salopard',
  'enculé', 'enculer', 'enculeur', 'enkulé', 'fdp', 'ntm', 'tg', 'ftg', 'nique', 'niquer', 'nik',
  'bâtard', 'batar', 'merde', 'merdeux', 'emmerdeur', 'emmerdeuse', 'enfoiré', 'raclure', 'couille',
  'couillon', 'bite', 'teub', 'zob', 'branleur', 'branlette', 'pétasse', 'pouffiasse', 'poufiasse',
  'grognasse', 'garce', 'catin', 'abruti', 'crétin', 'imbécile', 'trouduc', 'cassos', 'boloss', 'bolos',
  // French slurs (origin, religion, sexual orientation, gender identity, disability)
  'nègre', 'négresse', 'negro', 'bougnoule', 'bougnoul', 'bicot', 'crouille', 'youpin', 'youtre',
  'chinetoque', 'chintok', 'niakoué', 'bamboula', 'romanichel', 'pédé', 'pd', 'tapette', 'tarlouze',
  'tantouze', 'fiotte', 'tafiole', 'gouine', 'travelo', 'gogol', 'mongolien', 'triso',
  // English
  'fuck', 'fucker', 'fucking', 'fucked', 'motherfucker', 'fck', 'fuk', 'fcuk', 'phuck', 'stfu', 'shit',
  'shitty', 'bullshit', 'bitch', 'bitches', 'bastard', 'asshole', 'arsehole', 'dumbass', 'jackass', 'dick',
  'dickhead', 'douchebag', 'cunt', 'twat', 'wanker', 'prick', 'slut', 'whore', 'cocksucker', 'retarded',
  'faggot', 'fag', 'dyke', 'tranny', 'nigger', 'nigga', 'chink', 'spic', 'kike', 'wetback', 'paki', 'gook',
  'raghead', 'coon',
];

/** Insults that are only insults as a phrase: each word alone is ordinary. */
export const DEFAULT_BLOCKED_PHRASES: readonly string[] = [
  'ta gueule', 'ta race', 'trou du cul', 'lèche cul', 'fils de chienne', 'va chier', 'fait chier',
  'te faire foutre', 'attardé mental', 'cas soc', 'piss off', 'son of a bitch',
  // "sale" + a group of people: contempt, including towards people who receive social support
  ...['arabe', 'noir', 'juif', 'race', 'gitan', 'rom', 'musulman', 'chinois', 'blanc', 'pauvre', 'immigré',
    'étranger', 'assisté', 'handicapé', 'gros', 'pédale', 'gouine'].map((group) => `sale ${group}`),
];

/** Ordinary compounds that contain a blocked word; a blocked word inside one of them is not a match. */
export const ALLOWED_PHRASES: readonly string[] = [
  'pique nique', 'pique niquer', 'pain bâtard', 'chien bâtard', 'tapette à mouches', 'tapette à souris',
];
