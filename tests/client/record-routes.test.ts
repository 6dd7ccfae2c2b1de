import { describe, expect, it } from 'vitest';
import { entryPath, groupRecordPath, matchRecordRoute } from '../../client/src/features/records/record-routes';

const parts = (path: string) => path.split('/').filter(Boolean).map(decodeURIComponent);

describe('addresses of the record pages', () => {
  it('matches the group record, an entry, one version and their printable pages', () => {
    expect(matchRecordRoute(parts('/organiser/groupes/g1/registre'))).toEqual({ name: 'group-record', groupId: 'g1', print: false });
    expect(matchRecordRoute(parts('/organiser/groupes/g1/registre/imprimer'))).toEqual({ name: 'group-record', groupId: 'g1', print: true });
    expect(matchRecordRoute(parts('/organiser/groupes/g1/registre/w1'))).toEqual({ name: 'record-entry', groupId: 'g1', workshopId: 'w1', version: null, print: false });
    expect(matchRecordRoute(parts('/organiser/groupes/g1/registre/w1/v/12/imprimer'))).toEqual({ name: 'record-entry', groupId: 'g1', workshopId: 'w1', version: 12, print: true });
  });

  it('leaves every other address to the other pages', () => {
    for (const path of ['/organiser', '/organiser/groupes/g1', '/organiser/groupes/g1/registre/w1/v/0', '/organiser/groupes/g1/registre/w1/v/x', '/organiser/groupes/g1/registre/w1/2', '/ecran/w1']) {
      expect(matchRecordRoute(parts(path)), path).toBeNull();
    }
  });

  it('builds addresses that match back to the same page', () => {
    for (const version of [null, 1, 7]) {
      for (const print of [false, true]) {
        expect(matchRecordRoute(parts(entryPath('g é', 'w/1', version, print)))).toEqual({ name: 'record-entry', groupId: 'g é', workshopId: 'w/1', version, print });
      }
    }
    expect(matchRecordRoute(parts(groupRecordPath('g1', true)))).toEqual({ name: 'group-record', groupId: 'g1', print: true });
  });
});
