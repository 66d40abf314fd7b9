import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { ACTIVITY_TYPES_MANIFEST } from '../../graph/activity-types-manifest';
import { ACTIVITY_TYPES } from '../../core/ports/activity-feed';
import { ACTIVITY_TEMPLATE_PARAMETERS } from '../../core/ports/activity-template-parameters';
import { projectRoot } from '../../goals/default-contract';

const MANIFEST_SCHEMA = path.resolve(projectRoot(), '..', 'shared', 'schemas', 'teams-manifest', 'MicrosoftTeams.v1.24.schema.json');

describe('Activity types for the Teams manifest', () => {
  it('declares every activity type the notifier can send, once', () => {
    assert.deepEqual(ACTIVITY_TYPES_MANIFEST.activityTypes.map((a) => a.type), [...ACTIVITY_TYPES]);
  });

  for (const type of ACTIVITY_TYPES) {
    it(`${type}: its Danish template uses exactly the parameters notifications give (plus Teams' {actor})`, () => {
      const declared = ACTIVITY_TYPES_MANIFEST.activityTypes.find((a) => a.type === type)!;
      const placeholders = [...declared.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      assert.deepEqual(placeholders.filter((p) => p !== 'actor').sort(), [...ACTIVITY_TEMPLATE_PARAMETERS[type]].sort());
    });
  }

  it('is valid against the `activities` section of Microsoft’s v1.24 manifest schema', () => {
    const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')) as { properties: { activities: object }; definitions?: object };
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile({ ...schema.properties.activities, definitions: schema.definitions });
    assert.equal(validate(ACTIVITY_TYPES_MANIFEST), true, JSON.stringify(validate.errors));
    // …and the schema would notice a broken declaration:
    assert.equal(validate({ activityTypes: [{ type: 'meetingReminder', templateText: 'x' }] }), false);
  });
});
