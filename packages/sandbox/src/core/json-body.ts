/**
 * An answer body serialised once. Handlers whose answers are cached across requests (`Store.memo`) return one,
 * so that a large answer (a module's fields on the `large` org: about 0.5 MB) is not re-serialised per request.
 * The HTTP pipeline sends its bytes as they are; anything else that serialises it gets the same JSON.
 */
export class JsonBody {
  readonly bytes: Buffer;

  constructor(value: unknown) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('JsonBody: the value is not JSON-serialisable');
    this.bytes = Buffer.from(text, 'utf8');
  }

  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8')) as unknown;
  }
}
