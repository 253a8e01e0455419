/**
 * An answer body serialised once. Handlers whose answers are cached across requests (`Store.memo`) return one,
 * so that a large answer (a module's fields on the `large` org: about 0.5 MB) is not re-serialised per request.
 * The HTTP pipeline sends its bytes as they are; anything else that serialises it gets the same JSON.
 */
export class JsonBody {
  readonly bytes: Buffer;

  constructor(value: unknown) {
    const text = value instanceof JsonText ? value.text : JSON.stringify(value);
    if (text === undefined) throw new TypeError('JsonBody: the value is not JSON-serialisable');
    this.bytes = Buffer.from(text, 'utf8');
  }

  /** A body assembled by the caller from parts already serialised (see `Store.memoDoc`); `text` must be JSON. */
  static ofText(text: string): JsonBody {
    return new JsonBody(new JsonText(text));
  }

  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8')) as unknown;
  }
}

class JsonText {
  constructor(readonly text: string) {}
}

/** `{...object, [key]: [parts]}` as JSON, where `object` has other keys and each part is already JSON. */
export function withJsonList(object: Record<string, unknown>, key: string, parts: readonly string[]): string {
  const head = JSON.stringify(object);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}${JSON.stringify(key)}:[${parts.join(',')}]}`;
}
