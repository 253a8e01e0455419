/**
 * Whether the handoff runtime answers where the model says it listens. Desk checks a webhook's URL when the webhook
 * is created or changed (a GET, then a POST, must answer 200), so apply asks the same question first and, when
 * nothing answers, says so plainly instead of passing on Desk's refusal; `doctor` asks it of `<runtime url>/healthz`.
 * The URLs it reports never carry the Desk token (a digest of the webhook secret).
 */
import { DESK_TOKEN_PARAM } from '@zlc/model';

export type RuntimeProbe =
  | { ok: true; status: number; ms: number }
  | { ok: false; status?: number; ms: number; problem: string };

/** The URL as it may be shown: without the Desk token. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.delete(DESK_TOKEN_PARAM);
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** GET `url`; ok when it answers 200 within `timeoutMs` (default 5 s). Never throws. */
export async function probeUrl(url: string, options: { timeoutMs?: number } = {}): Promise<RuntimeProbe> {
  const started = Date.now();
  try {
    const answer = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
    await answer.body?.cancel();
    const ms = Date.now() - started;
    if (answer.status === 200) return { ok: true, status: 200, ms };
    return { ok: false, status: answer.status, ms, problem: `answered HTTP ${answer.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why =
      error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : (cause ?? String(error));
    return { ok: false, ms: Date.now() - started, problem: `did not answer (${why})` };
  }
}

/** An action zlc refused before calling Zoho, because of something the user can fix (the message says what). */
export class ActionPreconditionError extends Error {
  override readonly name = 'ActionPreconditionError';
}

/**
 * Throws `ActionPreconditionError` when the webhook URL Desk is about to check does not answer 200: the runtime must
 * be listening there first. Desk's own check would refuse the webhook with a bare "INVALID_DATA (url)".
 */
export async function requireDeskHookAnswers(url: string): Promise<void> {
  const probe = await probeUrl(url);
  if (probe.ok) return;
  throw new ActionPreconditionError(
    `Desk checks a webhook's URL when it is made, and ${shownUrl(url)} ${probe.problem}: start the handoff runtime there first (zlc flow serve, where runtime.url or ZLC_RUNTIME_URL points), then run apply again. Nothing was sent to Desk.`,
  );
}
