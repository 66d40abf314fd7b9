/**
 * The Teams side as the HTTP side sees it: no Bot Framework types cross. The HTTP route checks an
 * activity's shape, asks `authenticate` (a rejection means 401), applies the tenant allow-list,
 * then runs the turn. Two steps so that nothing of a request runs before all three checks pass.
 */
export interface ActivityProcessor {
  /** Verifies the request's Bot Framework token for this (shape-checked) activity; rejects when it does not hold. */
  authenticate(activity: object, authHeader: string): Promise<AuthenticatedActivity>;
}

/** An activity whose caller is verified: running it runs the bot's turn. */
export interface AuthenticatedActivity {
  /** Resolves to what the HTTP response carries: an invoke response's status and body, else 200 and no body. */
  run(): Promise<ActivityResponse>;
}

export interface ActivityResponse {
  status: number;
  body?: unknown;
}
