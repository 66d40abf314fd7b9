import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import { openDocx } from '../helpers/docx-text';
import { DEMO_CONTRACT_ID, seedDemo } from '../../store/seed-demo-data';

const STAFF = '0c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const READER = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';
const SECRET = 'test-secret-for-file-links-0123456789abcdef';
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const INFO = 'application/vnd.microsoft.teams.card.file.info';

/** A loopback stand-in for the OneDrive upload session Teams hands out: records every PUT, bytes exact. */
class UploadServer {
  readonly uploads: Array<{ path: string; headers: http.IncomingHttpHeaders; bytes: Buffer }> = [];
  private server: http.Server | undefined;
  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.uploads.push({ path: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":"uploaded"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }
  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function consentInvoke(app: RunningApp, conversationId: string, action: 'accept' | 'decline', context: unknown, uploadUrl: string, fromAadObjectId = READER) {
  const base = teamsMessage({ text: '', serviceUrl: app.connector.serviceUrl, kind: 'personal', fromAadObjectId });
  (base.conversation as Record<string, unknown>).id = conversationId;
  delete base.text;
  return {
    ...base,
    type: 'invoke',
    name: 'fileConsent/invoke',
    replyToId: 'consent-card-1',
    value: {
      type: 'fileUpload',
      action,
      context,
      ...(action === 'accept'
        ? { uploadInfo: { contentUrl: 'https://contoso.sharepoint.com/personal/lene/Documents/Applications/Maalbot/KKR-rapport-2021-endelig.docx', name: 'KKR-rapport-2021-endelig.docx', uploadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'docx' } }
        : {}),
    },
  };
}

/** GET with the path exactly as given (no client-side normalising), as an attacker would send it. */
function rawGet(baseUrl: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('KKR report and export as files in Teams (e2e over HTTP)', function () {
  this.timeout(60_000);
  let app: RunningApp;
  let upload: UploadServer;
  const now = new Date('2022-02-01T10:00:00Z');

  before(async function () {
    upload = new UploadServer();
    await upload.start();
    app = await startRunningApp({ clock: () => now, env: { LOG_LEVEL: 'silent', STAFF_USERS: STAFF, FILE_LINK_SECRET: SECRET, FILE_LINK_MINUTES: '15' } });
    await seedDemo(app.store, DEMO_CONTRACT_ID);
  });
  after(async () => {
    await app.close();
    await upload.stop();
  });

  async function ask(text: string, kind: 'personal' | 'channel' | 'groupChat', fromAadObjectId = READER) {
    const before = app.connector.calls.length;
    const activity = teamsMessage({ text, serviceUrl: app.connector.serviceUrl, kind, mention: kind !== 'personal', fromAadObjectId });
    const res = await app.postActivity(activity);
    assert.equal(res.status, 200);
    await app.connector.waitForCalls(before + 1);
    return { activity, reply: app.connector.calls[before]!.body };
  }

  it('personal chat: "afrapportering 2021" → consent card; accept → the very bytes uploaded, then the file info card; a replay uploads nothing', async function () {
    const { activity, reply } = await ask('afrapportering 2021', 'personal');
    const conversationId = (activity.conversation as { id: string }).id;
    const attachment = (reply.attachments as Array<Record<string, unknown>>)[0]!;
    assert.equal(attachment.contentType, CONSENT);
    assert.equal(attachment.name, 'KKR-rapport-2021-endelig.docx');
    const content = attachment.content as { description: string; sizeInBytes: number; acceptContext: { offerId: string }; declineContext: { offerId: string } };
    assert.match(content.description, /^Endelig resultatopfyldelse 2021 – afrapportering til KKR Syddanmark \(\d+ kB\)$/);
    assert.deepEqual(content.acceptContext, content.declineContext);

    const callsBefore = app.connector.calls.length;
    const accepted = await app.postActivity(consentInvoke(app, conversationId, 'accept', content.acceptContext, upload.url('/upload/session-1')));
    assert.equal(accepted.status, 200);
    assert.equal(upload.uploads.length, 1);
    const put = upload.uploads[0]!;
    assert.equal(put.path, '/upload/session-1');
    assert.equal(put.bytes.length, content.sizeInBytes);
    assert.equal(put.headers['content-range'], `bytes 0-${content.sizeInBytes - 1}/${content.sizeInBytes}`);
    assert.equal(put.headers['content-length'], String(content.sizeInBytes));
    const doc = openDocx(put.bytes);
    assert.ok(doc.paragraphs.includes('Endelig resultatopfyldelse 2021'));
    assert.ok(doc.paragraphs.includes('Dannet af Direktør Test 1. februar 2022 kl. 11.00 med Målbot'));

    await app.connector.waitForCalls(callsBefore + 1);
    const info = (app.connector.calls[callsBefore]!.body.attachments as Array<Record<string, unknown>>)[0]!;
    assert.equal(info.contentType, INFO);
    assert.equal(info.name, 'KKR-rapport-2021-endelig.docx');
    assert.equal(info.contentUrl, 'https://contoso.sharepoint.com/personal/lene/Documents/Applications/Maalbot/KKR-rapport-2021-endelig.docx');
    assert.deepEqual(info.content, { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'docx' });

    // Teams retries an invoke it did not see answered in 5 s: the same accept again.
    const replay = await app.postActivity(consentInvoke(app, conversationId, 'accept', content.acceptContext, upload.url('/upload/session-1')));
    assert.equal(replay.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(upload.uploads.length, 1, 'a replayed accept does not upload twice');
    assert.equal(app.connector.calls.length, callsBefore + 1, 'and sends no second file card');
  });

  it('personal chat: decline → says so and uploads nothing; someone else cannot accept another person\'s offer', async function () {
    const { activity, reply } = await ask('lav statusrapport pr. 1. oktober 2021', 'personal');
    const conversationId = (activity.conversation as { id: string }).id;
    const content = (reply.attachments as Array<{ name: string; content: { acceptContext: unknown } }>)[0]!;
    assert.equal(content.name, 'KKR-rapport-2021-status-2021-10-01.docx');
    const uploads = upload.uploads.length;

    const calls = app.connector.calls.length;
    const stranger = await app.postActivity(consentInvoke(app, conversationId, 'accept', content.content.acceptContext, upload.url('/upload/x'), STAFF));
    assert.equal(stranger.status, 200);
    await app.connector.waitForCalls(calls + 1);
    assert.match(String(app.connector.calls[calls]!.body.text), /Den fil kender jeg ikke/);

    const declined = await app.postActivity(consentInvoke(app, conversationId, 'decline', content.content.acceptContext, ''));
    assert.equal(declined.status, 200);
    await app.connector.waitForCalls(calls + 2);
    assert.equal(app.connector.calls[calls + 1]!.body.text, 'Fint, jeg sender ikke KKR-rapport-2021-status-2021-10-01.docx. Skriv «afrapportering», hvis du vil have den senere.');
    const late = await app.postActivity(consentInvoke(app, conversationId, 'accept', content.content.acceptContext, upload.url('/upload/late')));
    assert.equal(late.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(upload.uploads.length, uploads, 'nothing uploaded after a decline');
    assert.equal(app.connector.calls.length, calls + 2);
  });

  it('forged consent contexts get a polite answer and no upload', async function () {
    const { activity } = await ask('afrapportering', 'personal');
    const conversationId = (activity.conversation as { id: string }).id;
    for (const context of [undefined, 'x', { offerId: '../../etc/passwd' }, { offerId: '00000000-0000-0000-0000-000000000000' }]) {
      const calls = app.connector.calls.length;
      const res = await app.postActivity(consentInvoke(app, conversationId, 'accept', context, upload.url('/upload/forged')));
      assert.equal(res.status, 200);
      await app.connector.waitForCalls(calls + 1);
      assert.match(String(app.connector.calls[calls]!.body.text), /Den fil kender jeg ikke/);
    }
    assert.ok(!upload.uploads.some((u) => u.path === '/upload/forged'));
  });

  it('the export: refused to a reader, a consent card with a workbook for staff', async function () {
    const refused = await ask('eksporter målinger', 'personal', READER);
    assert.match(String(refused.reply.text), /Eksport af målinger er for medarbejdere/);
    const staff = await ask('eksporter målinger', 'personal', STAFF);
    const attachment = (staff.reply.attachments as Array<{ contentType: string; name: string }>)[0]!;
    assert.equal(attachment.contentType, CONSENT);
    assert.equal(attachment.name, 'maalinger-2022-02-01.xlsx');
  });

  it('"Lav rapport" on a reminder: the consent card comes as a message of its own, the card stays', async function () {
    const calls = app.connector.calls.length;
    const res = await app.postActivity(teamsCardInvoke({ serviceUrl: app.connector.serviceUrl, verb: 'makeReport', data: { year: '2021' }, kind: 'personal', fromAadObjectId: READER }));
    assert.equal(res.status, 200);
    const answer = JSON.parse(res.body) as { statusCode: number; type: string; value: string };
    assert.equal(answer.type, 'application/vnd.microsoft.activity.message');
    assert.match(answer.value, /^Endelig resultatopfyldelse 2021 – afrapportering til KKR Syddanmark: vil du have filen\?$/);
    await app.connector.waitForCalls(calls + 1);
    const attachment = (app.connector.calls[calls]!.body.attachments as Array<{ contentType: string; name: string }>)[0]!;
    assert.deepEqual([attachment.contentType, attachment.name], [CONSENT, 'KKR-rapport-2021-endelig.docx']);
  });

  it('a group chat without APP_BASE_URL gets the reason in words, no link', async function () {
    const { reply } = await ask('rapport til KKR', 'groupChat');
    assert.match(String(reply.text), /download-links er ikke sat op \(APP_BASE_URL\)/);
  });
});

describe('KKR report download links in channels (e2e over HTTP)', function () {
  this.timeout(60_000);
  let app: RunningApp;
  let now = new Date('2022-02-01T10:00:00Z');

  before(async function () {
    app = await startRunningApp({ clock: () => now, env: { LOG_LEVEL: 'silent', STAFF_USERS: STAFF, FILE_LINK_SECRET: SECRET, APP_BASE_URL: 'https://maalbot.example.dk/' } });
    await seedDemo(app.store, DEMO_CONTRACT_ID);
  });
  after(async () => app.close());

  async function linkFor(text: string, fromAadObjectId = READER): Promise<string> {
    const before = app.connector.calls.length;
    const res = await app.postActivity(teamsMessage({ text, serviceUrl: app.connector.serviceUrl, kind: 'channel', mention: true, fromAadObjectId }));
    assert.equal(res.status, 200);
    await app.connector.waitForCalls(before + 1);
    const card = cardOf(app.connector.calls[before]!.body);
    assert.match(cardText(card), /Linket virker til 1\. februar 2022 kl\. 11\.15 \(15 minutter\)/);
    const open = (card.actions as Array<{ type: string; url: string }>).find((a) => a.type === 'Action.OpenUrl')!;
    assert.ok(open.url.startsWith('https://maalbot.example.dk/api/files/'), open.url);
    const url = new URL(open.url);
    return `${url.pathname}${url.search}`;
  }

  it('a valid link serves the report once asked for; altered, other parameters, expired, traversal → 403 and no file', async function () {
    now = new Date('2022-02-01T10:00:00Z');
    const link = await linkFor('rapport til KKR pr. 1. oktober 2021');
    assert.match(link, /^\/api\/files\/report\?asOf=2021-10-01&exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const ok = await rawGet(app.baseUrl, link);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(ok.headers['content-disposition']), /attachment; filename="KKR-rapport-2021-status-2021-10-01\.docx"/);
    assert.equal(ok.headers['cache-control'], 'no-store');
    assert.ok(openDocx(ok.body).paragraphs.includes('Status pr. 1. oktober 2021'));

    const year = await linkFor('afrapportering 2021');
    const sig = new URLSearchParams(link.split('?')[1]).get('sig')!;
    const exp = new URLSearchParams(link.split('?')[1]).get('exp')!;
    const refused = [
      link.replace('asOf=2021-10-01', 'asOf=2021-10-02'),
      link.replace(/sig=[^&]+/, `sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`),
      link.replace(/exp=\d+/, `exp=${Number(exp) + 3600}`),
      link.replace('/api/files/report?', '/api/files/export?'),
      `/api/files/report?year=2020&exp=${exp}&sig=${sig}`,
      `${year.split('&sig=')[0]}&sig=${sig}`,
      `${link}&asOf=2021-10-01`,
      `${link}&extra=1`,
      link.replace('asOf=2021-10-01&', ''),
      `/api/files/../files/report?${link.split('?')[1]}`,
      `/api/files/report/../../../etc/passwd?${link.split('?')[1]}`,
      `/api/files/%2e%2e/%2e%2e/package.json`,
      `/api/files/report%2F..%2F..%2Fpackage.json?${link.split('?')[1]}`,
      '/api/files/..%5c..%5cpackage.json',
      '/api/files/report',
      '/api/files/',
    ];
    for (const path of refused) {
      const res = await rawGet(app.baseUrl, path);
      assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
      assert.ok(!res.body.subarray(0, 2).equals(Buffer.from('PK')), `${path} served a file`);
      if (path.startsWith('/api/files/')) assert.equal(res.status, 403, path);
    }

    now = new Date('2022-02-01T10:16:00Z');
    const expired = await rawGet(app.baseUrl, link);
    assert.equal(expired.status, 403, 'a link is dead after its minutes');
    assert.equal(expired.body.toString('utf8'), 'Linket er ugyldigt eller udløbet. Bed Målbot om et nyt i Teams.');
  });

  it('staff get an export link in a channel; it serves the workbook', async function () {
    now = new Date('2022-02-01T10:00:00Z');
    const link = await linkFor('eksporter målinger', STAFF);
    assert.match(link, /^\/api\/files\/export\?exp=\d+&sig=/);
    const res = await rawGet(app.baseUrl, link);
    assert.equal(res.status, 200);
    assert.equal(res.body.subarray(0, 2).toString('latin1'), 'PK');
    assert.match(String(res.headers['content-disposition']), /maalinger-2022-02-01\.xlsx/);
  });
});
