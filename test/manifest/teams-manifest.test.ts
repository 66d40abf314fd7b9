import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTeamsManifest, type ManifestValues } from '../../manifest/teams-manifest';
import { manifestSchemaErrors, manifestSchemaPath } from '../../manifest/validate-manifest';
import { BOT_COMMANDS } from '../../manifest/bot-commands';
import { ACTIVITY_TYPES_MANIFEST } from '../../graph/activity-types-manifest';
import { ACTIVITY_TYPES } from '../../core/ports/activity-feed';
import { parseQuestion } from '../../features/ask/parse-question';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../goals/default-contract';

/** Microsoft's schema as the project received it; the vendored copy must be identical. */
const REFERENCE_SCHEMA = path.resolve(projectRoot(), '..', 'shared', 'schemas', 'teams-manifest', 'MicrosoftTeams.v1.24.schema.json');

const SAMPLE_VALUES: ManifestValues = {
  appId: '3f0c6a52-8d1e-4c7b-9a3e-2b6d5f4e1a90',
  version: '1.2.3',
  botId: '9b7e4d21-5c3a-4f8e-b1d2-6a0c9e8f7b54',
  developer: {
    name: 'Erhvervshus Sydjylland',
    websiteUrl: 'https://www.example.dk/',
    privacyUrl: 'https://www.example.dk/privatliv',
    termsOfUseUrl: 'https://www.example.dk/vilkaar',
  },
  validDomains: ['maalbot.example.dk'],
  graphAppId: 'c4a1e2f3-0b9d-4e8c-a7f6-5d4c3b2a1e0f',
};

type Json = Record<string, unknown>;
const bot = (m: Json) => (m.bots as Json[])[0] as Json;
const commandList = (m: Json) => (bot(m).commandLists as Json[])[0] as { scopes: string[]; commands: Array<{ title: string; description: string }> };

describe('Teams app manifest (manifest/teams-manifest.ts)', () => {
  const contract = loadContract(defaultContractPath());

  it('the vendored v1.24 schema is byte-identical to the reference copy', () => {
    assert.ok(readFileSync(manifestSchemaPath()).equals(readFileSync(REFERENCE_SCHEMA)));
  });

  it('is valid against the official v1.24 schema, with and without a Graph app', () => {
    for (const values of [SAMPLE_VALUES, { ...SAMPLE_VALUES, graphAppId: undefined, validDomains: [] }]) {
      assert.deepEqual(manifestSchemaErrors(buildTeamsManifest(values), REFERENCE_SCHEMA), []);
    }
  });

  it('the validator really validates: a wrong version, a long short name and a bad bot id are refused', () => {
    const good = buildTeamsManifest(SAMPLE_VALUES);
    assert.match(manifestSchemaErrors({ ...good, manifestVersion: '1.23' }, REFERENCE_SCHEMA).join('\n'), /manifestVersion/);
    assert.match(manifestSchemaErrors({ ...good, name: { short: 'Målbot for Erhvervshus Sydjylland og KKR' } }, REFERENCE_SCHEMA).join('\n'), /\/name\/short/);
    assert.match(manifestSchemaErrors({ ...good, bots: [{ ...bot(good), botId: 'not-a-guid' }] }, REFERENCE_SCHEMA).join('\n'), /botId/);
  });

  it('fills in the ids, version, developer and domains it is given', () => {
    const m = buildTeamsManifest(SAMPLE_VALUES);
    assert.equal(m.manifestVersion, '1.24');
    assert.equal(m.id, SAMPLE_VALUES.appId);
    assert.equal(m.version, '1.2.3');
    assert.equal(bot(m).botId, SAMPLE_VALUES.botId);
    assert.deepEqual(m.developer, SAMPLE_VALUES.developer);
    assert.deepEqual(m.validDomains, ['maalbot.example.dk']);
    assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
  });

  it('is a bot for team, group chat and personal scope, with Danish name and descriptions within Teams\' lengths', () => {
    const m = buildTeamsManifest(SAMPLE_VALUES);
    assert.deepEqual(bot(m).scopes, ['team', 'groupChat', 'personal']);
    assert.deepEqual(commandList(m).scopes, ['team', 'groupChat', 'personal']);
    const name = m.name as { short: string; full: string };
    const description = m.description as { short: string; full: string };
    assert.equal(name.short, 'Målbot');
    assert.ok(name.short.length <= 30 && name.full.length <= 100);
    assert.ok(description.short.length <= 80, description.short);
    assert.ok(description.full.length <= 4000);
    assert.match(description.short, /resultatkontrakten/);
    assert.match(description.full, /KKR Syddanmark og Erhvervshus Sydjylland/);
    assert.equal((m.localizationInfo as Json).defaultLanguageTag, 'da-dk');
  });

  it('lists the Danish commands, ≤ 12, titles ≤ 32 and descriptions ≤ 128 characters, no duplicates', () => {
    const commands = commandList(buildTeamsManifest(SAMPLE_VALUES)).commands;
    const titles = commands.map((c) => c.title);
    // "rapport" replaced "oversigt" in the full menu ("status" alone is the overview, and still in the menu).
    for (const required of ['status', 'rapport', 'opdater', 'historik', 'påmindelser', 'næste møde', 'frister', 'hjælp']) {
      assert.ok(titles.includes(required), `missing command "${required}"`);
    }
    assert.ok(commands.length <= 12);
    assert.equal(new Set(titles).size, titles.length);
    for (const c of commands) {
      assert.ok(c.title.length <= 32, c.title);
      assert.ok(c.description.length > 0 && c.description.length <= 128, c.description);
    }
  });

  describe('every command means what it says to the question parser', () => {
    for (const command of BOT_COMMANDS) {
      it(`"${command.title}" → ${command.titleIntent}${command.example ? `; "${command.example.text}" → ${command.example.intent}` : ''}`, () => {
        assert.equal(parseQuestion(command.title, contract).kind, command.titleIntent);
        // Teams inserts the title in the compose box; in a channel it comes with the mention.
        assert.equal(parseQuestion(`<at>Målbot</at> ${command.title}`, contract).kind, command.titleIntent);
        if (command.example) {
          assert.ok(command.example.text.startsWith(command.title), 'the example starts with the title');
          assert.ok(command.description.includes(`"${command.example.text}"`), 'the description shows the example');
          assert.equal(parseQuestion(command.example.text, contract).kind, command.example.intent);
        }
      });
    }

    it('no command title is "not understood"', () => {
      for (const c of BOT_COMMANDS) assert.notEqual(parseQuestion(c.title, contract).kind, 'not-understood', c.title);
    });
  });

  it('declares webApplicationInfo and every activity type of the domain when a Graph app is given', () => {
    const m = buildTeamsManifest(SAMPLE_VALUES);
    assert.deepEqual(m.webApplicationInfo, { id: SAMPLE_VALUES.graphAppId });
    const types = ((m.activities as Json).activityTypes as Array<{ type: string; description: string; templateText: string }>);
    assert.deepEqual(types.map((t) => t.type), [...ACTIVITY_TYPES]);
    assert.deepEqual(types, ACTIVITY_TYPES_MANIFEST.activityTypes);
    for (const t of types) {
      assert.ok(t.description.length <= 128 && t.templateText.length <= 128);
      assert.match(t.templateText, /\{[a-zA-Z]+\}/, 'has a parameter the notification fills');
    }
  });

  it('leaves out webApplicationInfo and activities without a Graph app (no feed without Graph)', () => {
    const m = buildTeamsManifest({ ...SAMPLE_VALUES, graphAppId: undefined });
    assert.equal(m.webApplicationInfo, undefined);
    assert.equal(m.activities, undefined);
  });
});
