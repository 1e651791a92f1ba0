// What every field of the plan does with text, whatever its kind: what it shows for a saved
// value, and what value (or which problem, in words) the text typed stands for. Pure, so that
// the one field component (components/Field.svelte) is tested here.
import type { JsonValue } from './generated/serde_json/JsonValue';
import { dateFieldText, formatMoney, parseDateField, parseMoneyInput, parseWeight } from './format';

export type FieldKind = 'text' | 'amount' | 'weight' | 'percent' | 'date' | 'number' | 'choice' | 'flag';

export type FieldInput = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

/** The saved value as the field shows it: amounts as money, dates day first. */
export function shownValue(kind: FieldKind, saved: string): string {
  if (kind === 'date') return dateFieldText(saved);
  if (kind !== 'amount' || saved === '') return saved;
  try {
    return formatMoney(saved);
  } catch {
    // Shown as written: the backend says what is wrong with it beside the field.
    return saved;
  }
}

/** The value to save for what was typed; an empty field removes the value when optional. */
export function readInput(kind: FieldKind, raw: string, label: string, optional: boolean): FieldInput {
  const t = raw.trim();
  if (t === '') return optional ? { ok: true, value: undefined } : { ok: false, message: `${label} is required.` };
  switch (kind) {
    case 'amount': {
      const parsed = parseMoneyInput(t);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
    }
    case 'weight':
    case 'percent':
      return parseWeight(t.replace(/%$/, '')) === null
        ? {
            ok: false,
            message:
              kind === 'percent'
                ? `'${t}' is not a percentage; type a number like 60 or 33.5.`
                : `'${t}' is not a share; type a number like 1 or 2.5.`,
          }
        : { ok: true, value: t.replace(/%$/, '').trim() };
    case 'date': {
      const iso = parseDateField(t);
      return iso ? { ok: true, value: iso } : { ok: false, message: `${label} must be a real date, day first, for example 01/04/2025.` };
    }
    case 'number':
      return /^\d+$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, message: `${label} must be a whole number.` };
    default:
      return { ok: true, value: t };
  }
}
