/** The CRM webhook body as Zoho sends it: the record id from the `${!<Module>.Id}` module parameter. */

import { describe, expect, it } from 'vitest';
import { parseCrmBody } from '../src/intake/parse-events.js';

const ID = '5725767000001234001';

function multipart(fields: [string, string][], boundary = '----Zoho123'): { text: string; type: string } {
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { text: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe('reading a CRM webhook body', () => {
  it('reads the record id and module from a multipart form', () => {
    const body = multipart([
      ['id', ID],
      ['handoff', 'won-deal-to-books'],
      ['module', 'Deals'],
    ]);
    expect(parseCrmBody(body.text, body.type)).toEqual({ ok: true, value: { id: ID, module: 'Deals' } });
  });

  it('reads the same fields from an urlencoded form and from a JSON object', () => {
    const urlencoded = parseCrmBody(`handoff=h&id=${ID}&module=Deals`, 'application/x-www-form-urlencoded');
    expect(urlencoded).toEqual({ ok: true, value: { id: ID, module: 'Deals' } });
    expect(parseCrmBody(JSON.stringify({ id: ID }), 'application/json')).toEqual({ ok: true, value: { id: ID } });
  });

  it('refuses an id Zoho did not fill, a repeated id, and a missing one, naming the merge field', () => {
    for (const body of [
      multipart([['id', `\${!Deals.Id}`]]),
      multipart([
        ['id', ID],
        ['id', '5725767000001234002'],
      ]),
      multipart([['handoff', 'h']]),
    ]) {
      const parsed = parseCrmBody(body.text, body.type);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`\${!<Module>.Id}`);
    }
  });

  it('refuses a multipart body without its boundary, unclosed, or with a nameless part', () => {
    const good = multipart([['id', ID]]);
    expect(parseCrmBody(good.text, 'multipart/form-data')).toMatchObject({ ok: false, message: /boundary/ });
    expect(parseCrmBody(good.text.replace(/--\r\n$/, '\r\n'), good.type)).toMatchObject({ ok: false });
    const nameless = good.text.replace('name="id"', 'filename="x"');
    expect(parseCrmBody(nameless, good.type)).toMatchObject({ ok: false, message: /form-data name/ });
  });
});
