/**
 * Amounts in the report's currency: Books holds each currency's rate in base-currency units; a document carries the
 * rate it was made at. An amount whose currency has no rate cannot be converted and is kept apart, by currency.
 */
import type { CurrencyFact } from '../facts.js';

export interface Money {
  /** In the report's currency, rounded to cents at the end. */
  amount: number;
  /** What could not be converted, by currency code. */
  apart: Record<string, number>;
}

export interface Converter {
  currency: string;
  /** Converts `amount` in `code` (made at `documentRate` base units per unit, if known) to the report currency. */
  convert(amount: number, code: string, documentRate?: number): { ok: true; value: number } | { ok: false };
}

export function converter(target: string, currencies: readonly CurrencyFact[]): Converter {
  const rates = new Map(currencies.map((c) => [c.code, c.rate]));
  const base = currencies.find((c) => c.isBase)?.code;
  const targetRate = target === base ? 1 : rates.get(target);
  return {
    currency: target,
    convert(amount, code, documentRate) {
      if (code === target) return { ok: true, value: amount };
      const rate = code === base ? 1 : documentRate !== undefined && documentRate > 0 ? documentRate : rates.get(code);
      if (rate === undefined || targetRate === undefined) return { ok: false };
      return { ok: true, value: (amount * rate) / targetRate };
    },
  };
}

export function zero(): Money {
  return { amount: 0, apart: {} };
}

export function add(money: Money, conv: Converter, amount: number, code: string, rate?: number): void {
  const converted = conv.convert(amount, code, rate);
  if (converted.ok) money.amount += converted.value;
  else money.apart[code] = (money.apart[code] ?? 0) + amount;
}

export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function settled(money: Money): Money {
  const apart: Record<string, number> = {};
  for (const [code, value] of Object.entries(money.apart)) apart[code] = cents(value);
  return { amount: cents(money.amount), apart };
}
