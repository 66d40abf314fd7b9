import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AuthEndpoints } from '../../teams/create-adapter';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * A loopback stand-in for the Bot Framework's OpenID metadata + JWKS endpoints, with its own
 * RSA key, so tests can sign channel tokens the bot's real auth layer verifies.
 */
export class FakeBotFrameworkAuth {
  private server: http.Server | undefined;
  private privateKey: KeyObject | undefined;
  private jwk: Record<string, unknown> | undefined;
  readonly kid = 'maalbot-test-key';
  metadataRequests = 0;

  get baseUrl(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('not listening');
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<void> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    this.server = http.createServer((req, res) => {
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/.well-known/openidconfiguration') {
        this.metadataRequests++;
        send({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.baseUrl}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      } else if (req.url === '/v1/.well-known/keys') {
        send({ keys: [this.jwk] });
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  /** The complete set botbuilder needs once any endpoint is overridden (platform notes). */
  endpoints(): AuthEndpoints {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.baseUrl}/v1/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.baseUrl}/v1/.well-known/openidconfiguration`,
      ToChannelFromBotLoginUrl: `${this.baseUrl}/botframework.com`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${this.baseUrl}/oauth`,
      ValidateAuthority: false,
      CallerId: 'urn:botframework:azure',
    };
  }

  /** A channel token (RS256, signed with node:crypto); override any claim or the signing key to make it bad. */
  token(claims: { aud: string; serviceurl: string; iss?: string; expiresInSeconds?: number; notBeforeSeconds?: number }, signWith?: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const header = b64({ alg: 'RS256', kid: this.kid, typ: 'JWT' });
    const payload = b64({
      iss: claims.iss ?? BOT_FRAMEWORK_ISSUER,
      aud: claims.aud,
      serviceurl: claims.serviceurl,
      iat: now - 60,
      nbf: now + (claims.notBeforeSeconds ?? -60),
      exp: now + (claims.expiresInSeconds ?? 3600),
    });
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signWith ?? this.privateKey!).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** A key pair the bot has never seen: tokens signed with it must fail. */
  static foreignKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
