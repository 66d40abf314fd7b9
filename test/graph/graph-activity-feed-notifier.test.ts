import assert from 'node:assert/strict';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { graphBodyProblems } from '../helpers/graph-schema';
import {
  ActivityTemplateError,
  GraphActivityFeedNotifier,
  activityNotificationBody,
  botChatDeepLink,
} from '../../graph/graph-activity-feed-notifier';
import { ACTIVITY_TYPES_MANIFEST } from '../../graph/activity-types-manifest';
import { GraphRequestError, PermanentGraphError } from '../../graph/graph-request-error';
import { classifyDeliveryFailure } from '../../core/ports/delivery-error';
import type { ActivityFeedNotification } from '../../core/ports/activity-feed';

const DIRECTOR = '0b9d3a52-7c1e-4f0a-9a57-1d2c3e4f5a6b';
const UNINSTALLED = '1c0e4b63-8d2f-4a1b-8b68-2e3d4f5a6b7c';
const GONE = '2d1f5c74-9e3a-4b2c-9c79-3f4a5b6c7d8e';
const BOT_APP_ID = '5a6b7c8d-0000-4000-8000-000000000001';

const meetingReminder: ActivityFeedNotification = {
  userId: DIRECTOR,
  activityType: 'meetingReminder',
  previewText: 'Direktørmøde torsdag d. 19. marts kl. 09.00: 2 mål i risiko, 3 nøgletal uden data.',
  templateParameters: { meetingDate: 'torsdag d. 19. marts 2026', meetingTime: '09.00' },
};

describe('GraphActivityFeedNotifier', () => {
  let fake: FakeGraphServer;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
    // The fake accepts exactly the activity types and template parameters the manifest declares.
    for (const a of ACTIVITY_TYPES_MANIFEST.activityTypes) {
      fake.declaredActivityTypes.set(a.type, [...a.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== 'actor'));
    }
    fake.users.set(DIRECTOR, { installed: true });
    fake.users.set(UNINSTALLED, { installed: false });
  });
  afterEach(async () => {
    assert.deepEqual(fake.schemaProblems, []);
    await fake.stop();
  });

  function notifier(): { notifier: GraphActivityFeedNotifier; sleeps: number[] } {
    const { client, sleeps } = testGraphClient(fake.baseUrl);
    return { notifier: new GraphActivityFeedNotifier({ client, webUrl: botChatDeepLink(BOT_APP_ID), now: () => new Date('2026-03-17T08:00:00Z') }), sleeps };
  }

  it('POSTs sendActivityNotification for the user with Graph’s body and gets 204', async () => {
    await notifier().notifier.notify(meetingReminder);
    const [call] = fake.callsTo(`/users/${DIRECTOR}/teamwork/sendActivityNotification`, 'POST');
    assert.equal(call?.status, 204);
    const body = call!.body as Record<string, unknown>;
    assert.deepEqual(body.topic, { source: 'text', value: 'Målbot', webUrl: `https://teams.microsoft.com/l/chat/0/0?users=28%3A${BOT_APP_ID}` });
    assert.equal(body.activityType, 'meetingReminder');
    assert.deepEqual(body.previewText, { content: meetingReminder.previewText });
    assert.deepEqual(body.templateParameters, [
      { name: 'meetingDate', value: 'torsdag d. 19. marts 2026' },
      { name: 'meetingTime', value: '09.00' },
    ]);
    assert.ok(Number.isSafeInteger(body.chainId) && (body.chainId as number) > 0);
    assert.equal(fake.notifications.length, 1);
  });

  it('sends a body whose property names and enum values are all Graph’s', () => {
    for (const a of ACTIVITY_TYPES_MANIFEST.activityTypes) {
      const templateParameters = Object.fromEntries(fake.declaredActivityTypes.get(a.type)!.map((p) => [p, 'x']));
      const body = activityNotificationBody({ userId: DIRECTOR, activityType: a.type, previewText: 'x', templateParameters }, 'Målbot', botChatDeepLink(BOT_APP_ID));
      assert.deepEqual(graphBodyProblems('sendActivityNotification', body), [], a.type);
    }
    // …and the check does catch a wrong name:
    assert.deepEqual(graphBodyProblems('sendActivityNotification', { topic: { source: 'tekst', value: 'x' }, preview: 'x' }), [
      'sendActivityNotification.topic.source: "tekst" is not a member of teamworkActivityTopicSource',
      'sendActivityNotification.preview: not a property of microsoft.graph.sendActivityNotification',
    ]);
  });

  it('uses the same chainId for the same notification (a retried duplicate replaces, not adds) and another for another', () => {
    const a = activityNotificationBody(meetingReminder, 'Målbot', 'https://teams.microsoft.com/');
    const b = activityNotificationBody({ ...meetingReminder, previewText: 'anden tekst' }, 'Målbot', 'https://teams.microsoft.com/');
    const c = activityNotificationBody({ ...meetingReminder, templateParameters: { meetingDate: 'torsdag d. 2. april 2026', meetingTime: '09.00' } }, 'Målbot', 'https://teams.microsoft.com/');
    assert.equal(a.chainId, b.chainId);
    assert.notEqual(a.chainId, c.chainId);
  });

  it('cuts the preview text to Teams’ 150 characters', async () => {
    await notifier().notifier.notify({ ...meetingReminder, previewText: 'æ'.repeat(400) });
    const content = (fake.notifications[0]!.body.previewText as { content: string }).content;
    assert.equal([...content].length, 150);
    assert.ok(content.endsWith('…'));
  });

  it('refuses template parameters that do not match the manifest, before calling Graph', async () => {
    const { notifier: n } = notifier();
    await assert.rejects(n.notify({ ...meetingReminder, templateParameters: { meetingDate: 'x' } }), (err: unknown) => err instanceof ActivityTemplateError && /mangler meetingTime/.test(err.message));
    await assert.rejects(n.notify({ ...meetingReminder, templateParameters: { meetingDate: 'x', meetingTime: 'y', room: 'z' } }), (err: unknown) => err instanceof ActivityTemplateError && /ukendte room/.test(err.message));
    assert.equal(fake.calls.length, 0);
  });

  it('turns 403 (app not installed for the user) into a permanent error', async () => {
    await assert.rejects(notifier().notifier.notify({ ...meetingReminder, userId: UNINSTALLED }), (err: unknown) => {
      assert.ok(err instanceof PermanentGraphError);
      assert.equal(err.statusCode, 403);
      assert.equal(err.permanent, true);
      assert.equal(classifyDeliveryFailure(err).kind, 'permanent');
      return true;
    });
    assert.equal(fake.calls.length, 1, 'no retry');
  });

  it('turns 404 (user gone) into a permanent error', async () => {
    await assert.rejects(notifier().notifier.notify({ ...meetingReminder, userId: GONE }), (err: unknown) => err instanceof PermanentGraphError && err.statusCode === 404);
    assert.equal(fake.calls.length, 1, 'no retry');
  });

  it('retries a 429 after the Retry-After it was given, then delivers once', async () => {
    fake.failNext({ pathIncludes: '/sendActivityNotification' }, { status: 429, headers: { 'Retry-After': '3' } }, { status: 429, headers: { 'Retry-After': '1' } });
    const { notifier: n, sleeps } = notifier();
    await n.notify(meetingReminder);
    assert.deepEqual(sleeps, [3000, 1000]);
    assert.equal(fake.notifications.length, 1);
  });

  it('retries 5xx a bounded number of times, then throws a transient error the delivery layer retries later', async () => {
    fake.failNext({ pathIncludes: '/sendActivityNotification' }, { status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }, { status: 503 });
    const { notifier: n, sleeps } = notifier();
    await assert.rejects(n.notify(meetingReminder), (err: unknown) => {
      assert.ok(err instanceof GraphRequestError && !(err instanceof PermanentGraphError));
      assert.equal(err.statusCode, 504);
      assert.equal(err.transient, true);
      assert.equal(classifyDeliveryFailure(err).kind, 'transient');
      return true;
    });
    assert.equal(sleeps.length, 3);
    assert.equal(fake.callsTo('/sendActivityNotification').length, 4);
    assert.equal(fake.notifications.length, 0);
  });

  it('passes a too-long Retry-After on to the delivery layer instead of waiting', async () => {
    fake.failNext({ pathIncludes: '/sendActivityNotification' }, { status: 429, headers: { 'Retry-After': '120' } });
    await assert.rejects(notifier().notifier.notify(meetingReminder), (err: unknown) => {
      const failure = classifyDeliveryFailure(err);
      return failure.kind === 'transient' && failure.retryAfterMs === 120_000;
    });
  });

  it('delivers once when a 503 came after Graph had already accepted it (same chainId on the retry)', async () => {
    fake.failNext({ pathIncludes: '/sendActivityNotification' }, { status: 503, afterHandling: true });
    await notifier().notifier.notify(meetingReminder);
    const sent = fake.notifications.map((n) => n.body.chainId);
    assert.equal(sent.length, 2, 'Graph saw it twice…');
    assert.equal(new Set(sent).size, 1, '…with one chainId, so the feed shows one notification');
  });
});
