import { describe, expect, it } from 'vitest';
import { createBlockMatcher, isBlocked } from '../../../server/src/domain/word-clouds/blocklist';

describe('isBlocked', () => {
  it.each([
    'con',
    'Connard',
    'CONNARDS !',
    'connasse',
    'concon',
    'enculé',
    'Enculées',
    'salope',
    'fils de pute',
    'sale arabe',
    'Sale assistés',
    'ta gueule',
    'nique ta mère',
    'pédé',
    'PD',
    'bâtard',
    'batard',
    'fuck',
    'Fucking hell',
    'bullshit',
    'motherfucker',
    'nigger',
  ])('blocks the insult or slur "%s"', (raw) => {
    expect(isBlocked(raw)).toBe(true);
  });

  it.each([
    ['look-alike digits', 'c0nnard'],
    ['look-alike signs', '$alope'],
    ['hidden letters', 'p*te'],
    ['hidden letters in English', 'f**k'],
    ['hidden letters with a plural', 'enc*lés'],
    ['stretched letters', 'connnnnard'],
    ['stretched vowels', 'puuuuute'],
    ['letters spelled out', 'p u t e'],
    ['letters split in two', 'pu te'],
    ['feminine and plural', 'crétines'],
  ])('sees through a disguise: %s ("%s")', (_name, raw) => {
    expect(isBlocked(raw)).toBe(true);
  });

  it.each([
    'contribution',
    'concertation',
    'connaissance',
    'cône',
    'député',
    'disputer',
    'salopette',
    'pique-nique',
    'pain bâtard',
    'assistant',
    'classe',
    'analyse',
    'Scunthorpe',
    'pédagogie',
    'bassesse',
    'sale',
    'gueule de bois',
    'cul-de-sac',
    'retard',
    'chatte',
    'technique',
    'négociation',
    'Nigeria',
    'shitake',
    'cocktail',
    'titre',
    'pouvoir d’agir',
    'motivé',
    'p*',
    'c**',
    '1312',
  ])('does not block the ordinary entry "%s"', (raw) => {
    expect(isBlocked(raw)).toBe(false);
  });

  it('adds a workshop\'s own words and phrases to the default list', () => {
    expect(isBlocked('patate', ['patate'])).toBe(true);
    expect(isBlocked('Patates !', ['patate'])).toBe(true);
    expect(isBlocked('grosse patate', ['grosse patate'])).toBe(true);
    expect(isBlocked('patate douce', ['grosse patate'])).toBe(false);
    expect(isBlocked('patate')).toBe(false);
    expect(isBlocked('connard', ['patate'])).toBe(true);
  });

  it('returns the same answer through a reusable matcher', () => {
    const matcher = createBlockMatcher(['langue de bois']);
    expect(matcher('Langue de bois')).toBe(true);
    expect(matcher('langue')).toBe(false);
    expect(matcher('salope')).toBe(true);
  });

  it('ignores entries with nothing to read', () => {
    expect(isBlocked('')).toBe(false);
    expect(isBlocked('!!! ???')).toBe(false);
  });
});
