import { describe, expect, it } from 'vitest';
import {
  agreedSentence,
  breaches,
  checkSignOffs,
  cleanSignOffs,
  defaultSignOffs,
  joinPeople,
  today,
  versionId,
  when,
} from './signoff';
import type { Finding } from './generated/Finding';

const full = { name: 'Ann Lee', role: 'Pooled fund manager', organisation: 'Northbrook Council', date: '14/10/2025' };

describe('sign-off form', () => {
  it('starts with the three usual roles, dated today, names and organisations empty', () => {
    const rows = defaultSignOffs('14/10/2025');
    expect(rows.map((r) => r.role)).toEqual([
      'Pooled fund manager',
      'ICB chief finance officer',
      'Section 151 officer',
    ]);
    expect(rows.every((r) => r.name === '' && r.organisation === '' && r.date === '14/10/2025')).toBe(true);
  });

  it("writes today's local date day first, as the date field shows it", () => {
    expect(today(new Date(2025, 3, 1, 23, 59))).toBe('01/04/2025');
    expect(today(new Date(2026, 11, 31))).toBe('31/12/2026');
  });

  it('passes a complete form', () => {
    expect(checkSignOffs([full])).toEqual({});
  });

  it('names each empty field and bad date by row', () => {
    const problems = checkSignOffs([full, { name: ' ', role: '', organisation: 'ICB', date: '30/02/2025' }]);
    expect(Object.keys(problems).sort()).toEqual(['1.date', '1.name', '1.role']);
    expect(problems['1.name']).toMatch(/name/);
    expect(problems['1.date']).toMatch(/real date/);
    expect(checkSignOffs([{ ...full, date: '' }])['0.date']).toBe('Enter the date signed.');
    // Month first (as a US date field would have it) is not a real date when read day first.
    expect(checkSignOffs([{ ...full, date: '10/14/2025' }])['0.date']).toMatch(/day first/);
  });

  it('needs at least one signatory', () => {
    expect(checkSignOffs([])).toEqual({ form: 'Add at least one signatory.' });
  });

  it('trims what is sent and sends dates as YYYY-MM-DD', () => {
    expect(cleanSignOffs([{ ...full, name: '  Ann Lee ', organisation: ' NC ', date: ' 1/4/2025' }])[0]).toEqual({
      ...full,
      organisation: 'NC',
      date: '2025-04-01',
    });
  });
});

describe('agreed notice', () => {
  it('joins people in plain English', () => {
    expect(joinPeople([])).toBe('');
    expect(joinPeople(['Ann'])).toBe('Ann');
    expect(joinPeople(['Ann', 'Raj'])).toBe('Ann and Raj');
    expect(joinPeople(['Ann', 'Raj', 'Sam'])).toBe('Ann, Raj and Sam');
  });

  it('says when and by whom, and that it is final', () => {
    expect(agreedSentence('2025-10-14T09:30:00.000Z', [full, { ...full, name: 'Raj Patel' }], 'alee')).toBe(
      'Agreed on 14 Oct 2025 by Ann Lee and Raj Patel. This version can never be changed.',
    );
    expect(agreedSentence('2025-10-14T09:30:00Z', [], 'alee')).toBe(
      'Agreed on 14 Oct 2025 by alee. This version can never be changed.',
    );
  });

  it('shows times, keeping text it cannot read', () => {
    expect(when('2025-10-14T09:30:00Z', true)).toBe('14 Oct 2025, 09:30');
    expect(when('yesterday', true)).toBe('yesterday');
  });

  it('shortens a SHA-256 to a version id of 12 characters', () => {
    expect(versionId('0123456789abcdef0123')).toBe('0123456789ab');
  });

  it('picks out breaches', () => {
    const f = (severity: Finding['severity']): Finding => ({ severity, code: 'B-SOCIAL-CARE', message: severity, path: '' });
    expect(breaches([f('warning'), f('breach'), f('error')]).map((x) => x.message)).toEqual(['breach']);
  });
});
