import assert from 'node:assert/strict';
import { STATUSES } from '../../../core/status-types';
import { statusStyle } from '../../../features/status/status-style';

describe('statusStyle', () => {
  it('maps each status to its colour and a capitalised label', () => {
    assert.deepEqual(
      STATUSES.map((s) => [s, statusStyle(s).color, statusStyle(s).label]),
      [
        ['opfyldt', 'good', 'Opfyldt'],
        ['delvist opfyldt', 'accent', 'Delvist opfyldt'],
        ['på vej', 'accent', 'På vej'],
        ['i risiko', 'warning', 'I risiko'],
        ['ikke opfyldt', 'attention', 'Ikke opfyldt'],
        ['afventer måling', 'default', 'Afventer måling'],
        ['ingen data', 'default', 'Ingen data'],
      ],
    );
  });

  it('labels carry no emoji or symbols', () => {
    for (const s of STATUSES) assert.match(statusStyle(s).label, /^[A-Za-zÆØÅæøå ]+$/);
  });
});
