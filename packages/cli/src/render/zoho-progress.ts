/**
 * Lines for the Zoho clients' events that a person should see while a command runs: waiting for an access token
 * (Zoho's token limits, its throttle, a failing accounts server) and a token cache that cannot be used. Written to
 * stderr, so `--json` output stays clean. Other events (requests, retries) stay silent.
 */
import type { OnZohoEvent, ZohoEvent } from '@zlc/zoho';

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`;

export function describeZohoEvent(event: ZohoEvent): string | undefined {
  switch (event.type) {
    case 'token_refresh_waiting': {
      const giveUp = `zlc waits at most ${seconds(event.deadlineMs)} more`;
      switch (event.reason) {
        case 'window':
          return `Zoho allows 10 access tokens per refresh token in 10 minutes and this one had them; asking for the next in ${seconds(event.waitMs)} (${giveUp}).`;
        case 'throttled':
          return `Zoho refused a new access token for now ("too many requests"); asking again in ${seconds(event.waitMs)} (${giveUp}).`;
        case 'backoff':
          return `Zoho's accounts server failed to give an access token; asking again in ${seconds(event.waitMs)}.`;
      }
      return undefined;
    }
    case 'token_cache_unavailable':
      return `The shared token cache ${event.location} cannot be used (${event.reason}); this command gets an access token of its own.`;
    default:
      return undefined;
  }
}

/** An `onEvent` that writes the lines above with `write`. */
export function zohoProgress(write: (line: string) => void): OnZohoEvent {
  return (event) => {
    const line = describeZohoEvent(event);
    if (line !== undefined) write(line);
  };
}
