// The sign-off form of the Agree screen: its starting rows, the checks made before anything is
// sent (the backend checks again), and the words of the agreed notice.
import type { Finding } from './generated/Finding';
import type { SignOff } from './generated/SignOff';
import { dateFieldText, formatDate, formatDateTime, parseDateField } from './format';

/** The signatories a Better Care Fund section 75 agreement usually needs, in signing order. */
export const DEFAULT_ROLES = [
  'Pooled fund manager',
  'ICB chief finance officer',
  'Section 151 officer',
] as const;

export type SignOffField = 'name' | 'role' | 'organisation' | 'date';

/** Today's date on this machine's calendar as a UK date field shows it, "DD/MM/YYYY". */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return dateFieldText(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
}

/** A row of the form; its date is the text of the date field ("14/10/2025"). */
export function blankSignOff(date: string, role = ''): SignOff {
  return { name: '', role, organisation: '', date };
}

/** The three rows the form starts with: roles filled in, names and organisations to type. */
export function defaultSignOffs(date: string): SignOff[] {
  return DEFAULT_ROLES.map((role) => blankSignOff(date, role));
}

const WORDS: Record<Exclude<SignOffField, 'date'>, string> = {
  name: "Enter the signatory's name.",
  role: "Enter the signatory's role, for example Section 151 officer.",
  organisation: 'Enter the organisation the signatory signs for.',
};

/**
 * What is wrong with the sign-offs, keyed `"{row}.{field}"` (row from 0), plus `"form"` when
 * there are none at all. An empty result means the form can be sent.
 */
export function checkSignOffs(rows: readonly SignOff[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (rows.length === 0) problems['form'] = 'Add at least one signatory.';
  rows.forEach((row, i) => {
    for (const field of ['name', 'role', 'organisation'] as const) {
      if (row[field].trim() === '') problems[`${i}.${field}`] = WORDS[field];
    }
    if (row.date === '') problems[`${i}.date`] = 'Enter the date signed.';
    else if (parseDateField(row.date) === null)
      problems[`${i}.date`] = 'Enter a real date for when they signed, day first, for example 14/10/2025.';
  });
  return problems;
}

/** The rows as they are sent: surrounding spaces trimmed, dates as "YYYY-MM-DD". */
export function cleanSignOffs(rows: readonly SignOff[]): SignOff[] {
  return rows.map((r) => ({
    name: r.name.trim(),
    role: r.role.trim(),
    organisation: r.organisation.trim(),
    date: parseDateField(r.date) ?? r.date.trim(),
  }));
}

/** "Ann Lee", "Ann Lee and Raj Patel", "Ann Lee, Raj Patel and Sam Green". */
export function joinPeople(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** A stored timestamp for people, or the text itself if it cannot be read. */
export function when(at: string, withTime: boolean): string {
  try {
    return withTime ? formatDateTime(at) : formatDate(at.slice(0, 10));
  } catch {
    return at;
  }
}

/** "Agreed on 14 Oct 2025 by Ann Lee and Raj Patel. This version can never be changed." */
export function agreedSentence(agreedAt: string, signOffs: readonly SignOff[], agreedBy: string): string {
  const who = signOffs.length > 0 ? joinPeople(signOffs.map((s) => s.name)) : agreedBy;
  return `Agreed on ${when(agreedAt, false)} by ${who}. This version can never be changed.`;
}

/** The short form of a SHA-256 people can read out and compare: its first 12 characters. */
export function versionId(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The breaches among an outcome's findings: agreement is allowed, but people should know. */
export function breaches(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'breach');
}
