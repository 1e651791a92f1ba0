import { describe, expect, it } from 'vitest';
import { partnersOf } from './testing';
import type { Finding } from './generated/Finding';
import type { Outcome } from './generated/Outcome';
import type { PlanDocument } from './generated/PlanDocument';
import type { UnitOutcome } from './generated/UnitOutcome';
import {
  ALIGNED_WORDS,
  allocationWords,
  focusTarget,
  offsetWords,
  sharedByUnit,
  isZero,
  noOutcomeSentence,
  partnerRows,
  sortFindings,
  transferSentence,
  unitRuleWords,
  unitTitle,
  varianceWords,
} from './outcome';

const partners = partnersOf(['council', 'Northbrook Council', 'council'], ['icb', 'Northbrook ICB', 'icb']);

const plan = {
  format: 'pooled-plan/1',
  name: 'Demo',
  financial_year: '2025-26',
  partners,
  host: 'council',
  streams: [],
  schemes: [{ id: 'NB04', name: 'Discharge beds' }],
  risk_share: {
    groups: [
      {
        id: 'core',
        name: 'Core pooled schemes',
        overspend: { method: 'host' },
        underspend: { method: 'pro_rata_contributions' },
      },
      {
        id: 'own',
        name: 'Own risk',
        per_scheme: true,
        overspend: { method: 'fixed', shares: { council: '60', icb: '40' } },
        underspend: { method: 'carry_forward' },
      },
    ],
  },
} as unknown as PlanDocument;

function unit(over: Partial<UnitOutcome>): UnitOutcome {
  return {
    id: 'core', group: 'core', budget: '100.00', forecast: '150.00', variance: '50.00',
    applied: 'overspend', allocation: { council: '50.00', icb: '0.00' }, uncovered: '0.00',
    carried_forward: '0.00', ...over,
  };
}

function finding(severity: Finding['severity'], code: Finding['code']): Finding {
  return { severity, code, message: code, path: '' };
}

describe('varianceWords', () => {
  it('names an overspend, an underspend (bracketed) and being on budget', () => {
    expect(varianceWords('634476.77')).toEqual({ money: '£634,476.77', word: 'overspend' });
    expect(varianceWords('-1500.00')).toEqual({ money: '(£1,500.00)', word: 'underspend' });
    expect(varianceWords('0.00')).toEqual({ money: '£0.00', word: 'on budget' });
  });
});

describe('noOutcomeSentence', () => {
  it('counts only the errors, with the right plural', () => {
    expect(noOutcomeSentence([finding('error', 'E-RULE'), finding('warning', 'W-UNALLOCATED')])).toBe(
      'This plan has 1 error, so there is no outcome yet.',
    );
    expect(noOutcomeSentence([finding('error', 'E-RULE'), finding('error', 'E-DATE')])).toBe(
      'This plan has 2 errors, so there is no outcome yet.',
    );
  });
});

describe('sortFindings', () => {
  it('puts breaches first, then errors, then warnings, keeping the order within each', () => {
    const sorted = sortFindings([
      finding('warning', 'W-UNALLOCATED'),
      finding('error', 'E-RULE'),
      finding('breach', 'B-SOCIAL-CARE'),
      finding('warning', 'W-UNCOVERED'),
      finding('breach', 'B-OUT-OF-HOSPITAL'),
    ]);
    expect(sorted.map((f) => f.code)).toEqual([
      'B-SOCIAL-CARE', 'B-OUT-OF-HOSPITAL', 'E-RULE', 'W-UNALLOCATED', 'W-UNCOVERED',
    ]);
  });
});

describe('transferSentence', () => {
  it('names both partners and the amount', () => {
    expect(transferSentence({ from: 'icb', to: 'council', amount: '50000.00' }, partners)).toBe(
      'Northbrook ICB pays Northbrook Council £50,000.00',
    );
  });
  it('falls back to the id of an unknown partner', () => {
    expect(transferSentence({ from: 'x', to: 'council', amount: '1.00' }, partners)).toBe(
      'x pays Northbrook Council £1.00',
    );
  });
});

describe('partnerRows', () => {
  it('names partners and shows the backend\'s totals of each column', () => {
    const outcome = {
      partners: [
        { id: 'council', contribution: '0.10', overspend_share: '0.20', underspend_share: '0.00', net_share: '0.20', final_cost: '0.30' },
        { id: 'icb', contribution: '0.20', overspend_share: '0.00', underspend_share: '0.05', net_share: '-0.05', final_cost: '0.15' },
      ],
    } as unknown as Outcome;
    const sums = { contribution: '0.30', overspend_share: '0.20', underspend_share: '0.05', net_share: '0.15', final_cost: '0.45' };
    const { rows, totals } = partnerRows(outcome, partners, sums);
    expect(rows.map((r) => r.name)).toEqual(['Northbrook Council', 'Northbrook ICB']);
    // The backend's totals, as they are: the window adds nothing up.
    expect(totals).toEqual({
      contribution: '0.30', overspendShare: '0.20', underspendReturned: '0.05', finalCost: '0.45',
    });
    expect(partnerRows(outcome, partners, null).totals).toBeNull();
  });
});

describe('units', () => {
  it('titles a group unit by the group and a per-scheme unit by its scheme', () => {
    expect(unitTitle(unit({}), plan)).toEqual({ title: 'Core pooled schemes', group: 'Core pooled schemes' });
    expect(unitTitle(unit({ id: 'own/NB04', group: 'own' }), plan)).toEqual({
      title: 'NB04 Discharge beds', group: 'Own risk',
    });
    expect(unitTitle(unit({ id: 'own/NB99', group: 'own' }), plan).title).toBe('NB99');
  });

  it('reads the rule that was applied in the backend\'s words', () => {
    const readings = [
      { id: 'core', name: 'Core', text: '…', overspend: 'Overspends fall to the host (Northbrook Council).', underspend: 'Underspends are returned.' },
    ];
    expect(unitRuleWords(unit({}), readings)).toBe('Overspends fall to the host (Northbrook Council).');
    expect(unitRuleWords(unit({ applied: 'underspend', variance: '-5.00' }), readings)).toBe('Underspends are returned.');
    expect(unitRuleWords(unit({ id: 'own/NB04', group: 'own' }), readings)).toBe(
      "The overspend rule of group 'own' was applied.",
    );
    expect(unitRuleWords(unit({ applied: 'none', variance: '0.00' }), readings)).toBe('On budget: there is nothing to share.');
  });

  it('says what covered a variance when nothing is left to share', () => {
    const reserve = { opening: '250000.00', drawn: '100.00', closing: '249900.00' };
    expect(unitRuleWords(unit({ applied: 'none', variance: '100.00', reserve }), [])).toBe(
      'Nothing is left to share: the reserve covered the whole overspend.',
    );
    expect(unitRuleWords(unit({ applied: 'none', variance: '-489749.63', offset: '-489749.63', shared_variance: '0.00' }), [])).toBe(
      'Nothing is left to share: netting against other pools covered the whole underspend.',
    );
    expect(
      unitRuleWords(unit({ applied: 'none', variance: '300.00', offset: '200.00', shared_variance: '100.00', reserve }), []),
    ).toBe('Nothing is left to share: netting against other pools and the reserve covered the whole overspend.');
  });

  it('reads a unit\'s netting and its amount shared', () => {
    expect(offsetWords('429507.08')).toBe('£429,507.08 of the overspend covered by underspends in other pools');
    expect(offsetWords('-489749.63')).toBe('£489,749.63 of the underspend used to cover overspends in other pools');
    expect(offsetWords('0.00')).toBe('nothing netted');
    expect(ALIGNED_WORDS).toMatch(/^No money moves \(aligned budget\)/);
    expect(sharedByUnit([{ unit: 'council-pool', shared: '176048.47' }]).get('council-pool')).toBe('176048.47');
    expect(sharedByUnit(undefined).size).toBe(0);
  });

  it('says who pays and who gets money back', () => {
    expect(allocationWords('50.00')).toBe('pays £50.00');
    expect(allocationWords('-1250.50')).toBe('gets back £1,250.50');
    expect(allocationWords('0.00')).toBe('nothing');
    expect(isZero('-0.00')).toBe(true);
  });
});

describe('focusTarget', () => {
  const fields = ['name', 'schemes[3].name', 'schemes[30].name', 'risk_share.groups[0].overspend.method'];
  it('prefers the field itself', () => {
    expect(focusTarget('name', fields)).toBe('name');
  });
  it('finds the first field inside an item or object, not a sibling sharing a prefix', () => {
    expect(focusTarget('schemes[3]', fields)).toBe('schemes[3].name');
    expect(focusTarget('schemes[30]', fields)).toBe('schemes[30].name');
    expect(focusTarget('risk_share.groups[0].overspend', fields)).toBe('risk_share.groups[0].overspend.method');
    expect(focusTarget('schemes[4]', fields)).toBeNull();
  });
});
