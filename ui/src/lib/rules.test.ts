import { describe, expect, it } from 'vitest';
import type { GroupDoc } from './generated/GroupDoc';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { RuleDoc } from './generated/RuleDoc';
import { describeGroup, describeRule, joinNames, partnerName } from './rules';

const partners: PartnerDoc[] = [
  { id: 'council', name: 'Northbrook Council', kind: 'council', code: 'E06000099' },
  { id: 'icb', name: 'NHS Northbrook ICB', kind: 'icb' },
  { id: 'trust', name: 'Northbrook Community Trust', kind: 'other' },
];

const proRata: RuleDoc = { method: 'pro_rata_contributions' };
const commissioned: RuleDoc = { method: 'pro_rata_commissioned' };
const host: RuleDoc = { method: 'host' };
const carry: RuleDoc = { method: 'carry_forward' };

function group(overrides: Partial<GroupDoc>): GroupDoc {
  return { id: 'pool', name: 'Main pool', overspend: proRata, underspend: proRata, ...overrides };
}

describe('describeGroup', () => {
  it('reads the example from the product issue', () => {
    const g = group({
      overspend: {
        method: 'tiered',
        bands: [{ up_to: '250000.00', rule: host }, { rule: proRata }],
      },
      caps: { council: '800000.00' },
    });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends up to £250,000 fall to the host (Northbrook Council); above that they are ' +
        'shared in proportion to contributions; Northbrook Council pays at most £800,000. ' +
        'Underspends are returned in proportion to contributions.',
    );
  });

  it('reads the default pool: pro rata both ways', () => {
    expect(describeGroup(group({}), partners, 'council')).toBe(
      'Overspends are shared in proportion to contributions. ' +
        'Underspends are returned in proportion to contributions.',
    );
  });

  it('reads a carried-forward underspend, a per-scheme group and a cap at contribution', () => {
    const g = group({
      overspend: proRata,
      underspend: carry,
      per_scheme: true,
      cap_at_contribution: true,
    });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends are shared in proportion to contributions. ' +
        'No partner pays more than it put in. ' +
        'Underspends are carried forward in the pool. ' +
        'Each scheme is its own risk unit.',
    );
  });

  it('leaves out per-scheme and caps when they are false', () => {
    const text = describeGroup(
      group({ per_scheme: false, cap_at_contribution: false, caps: {} }),
      partners,
      'council',
    );
    expect(text).not.toMatch(/risk unit|put in|at most/);
  });

  it('uses the group host, not the plan host, and says who hosts the group', () => {
    const g = group({ host: 'icb', overspend: host, underspend: carry });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends fall to the host (NHS Northbrook ICB). ' +
        'Underspends are carried forward in the pool. ' +
        'The group is hosted by NHS Northbrook ICB.',
    );
  });

  it('falls back to the plan host when the group names none', () => {
    const g = group({ overspend: host, underspend: host });
    expect(describeGroup(g, partners, 'icb')).toBe(
      'Overspends fall to the host (NHS Northbrook ICB). ' +
        'Underspends go to the host (NHS Northbrook ICB).',
    );
  });

  it('does not repeat the host when the group names the plan host', () => {
    const g = group({ host: 'council', overspend: host });
    expect(describeGroup(g, partners, 'council')).not.toMatch(/hosted by/);
  });

  it('lists several caps in partner order, and a zero cap as paying nothing', () => {
    const g = group({ caps: { icb: '1200000.50', council: '800000.00', trust: '0.00' } });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends are shared in proportion to contributions; Northbrook Council pays at most ' +
        '£800,000, NHS Northbrook ICB pays at most £1,200,000.50 and Northbrook Community ' +
        'Trust pays nothing. Underspends are returned in proportion to contributions.',
    );
  });

  it('combines named caps with a cap at contribution', () => {
    const g = group({ caps: { council: '500000' }, cap_at_contribution: true });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends are shared in proportion to contributions; Northbrook Council pays at most ' +
        '£500,000. No partner pays more than it put in. ' +
        'Underspends are returned in proportion to contributions.',
    );
  });

  it('reads the two-hosts shape of the spec (Rotherham 2015/16)', () => {
    const g = group({
      id: 'ccg-pool',
      name: 'CCG pool',
      host: 'ccg',
      overspend: proRata,
      underspend: carry,
      cap_at_contribution: true,
    });
    const ccgPartners: PartnerDoc[] = [
      { id: 'ccg', name: 'NHS Rotherham CCG', kind: 'ccg' },
      { id: 'council', name: 'Rotherham MBC', kind: 'council' },
    ];
    expect(describeGroup(g, ccgPartners, 'council')).toBe(
      'Overspends are shared in proportion to contributions. ' +
        'No partner pays more than it put in. ' +
        'Underspends are carried forward in the pool. ' +
        'The group is hosted by NHS Rotherham CCG.',
    );
  });

  it('treats null optional fields (as the backend may send them) as absent', () => {
    const g: GroupDoc = {
      id: 'pool',
      name: 'Main pool',
      host: null,
      overspend: {
        method: 'tiered',
        shares: null,
        bands: [{ up_to: '250000.00', rule: host }, { up_to: null, rule: proRata }],
      },
      underspend: { method: 'fixed', shares: null, bands: null },
      per_scheme: null,
      caps: null,
      cap_at_contribution: null,
    };
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends up to £250,000 fall to the host (Northbrook Council); above that they are ' +
        'shared in proportion to contributions. Underspends are returned in fixed shares, but ' +
        'no partner has a share above zero.',
    );
    expect(describeRule({ method: 'tiered', bands: null }, 'overspend', partners, 'council')).toBe(
      'Overspends are shared in bands, but no bands are set.',
    );
  });

  it('never throws on unknown partner ids: it shows the id', () => {
    const g = group({
      host: 'ghost',
      overspend: { method: 'fixed', shares: { council: '50', ghost: '50' } },
      underspend: host,
      caps: { nobody: '1000.00' },
    });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends are shared equally between Northbrook Council and ghost; ' +
        'nobody pays at most £1,000. Underspends go to the host (ghost). ' +
        'The group is hosted by ghost.',
    );
  });

  it('never throws on malformed amounts: it shows them as written', () => {
    const g = group({
      overspend: { method: 'tiered', bands: [{ up_to: 'lots', rule: host }, { rule: proRata }] },
      caps: { council: 'some' },
    });
    expect(describeGroup(g, partners, 'council')).toBe(
      'Overspends up to lots fall to the host (Northbrook Council); above that they are shared ' +
        'in proportion to contributions; Northbrook Council pays at most some. ' +
        'Underspends are returned in proportion to contributions.',
    );
  });

  it('keeps the reading to a few short sentences even with everything set', () => {
    const g = group({
      host: 'icb',
      overspend: {
        method: 'tiered',
        bands: [
          { up_to: '250000.00', rule: host },
          { up_to: '1000000.00', rule: { method: 'fixed', shares: { council: '1', icb: '1' } } },
          { rule: proRata },
        ],
      },
      underspend: carry,
      per_scheme: true,
      caps: { council: '800000.00' },
      cap_at_contribution: true,
    });
    const text = describeGroup(g, partners, 'council');
    expect(text).toBe(
      'Overspends up to £250,000 fall to the host (NHS Northbrook ICB); from £250,000 to ' +
        '£1,000,000 they are shared equally between Northbrook Council and NHS Northbrook ICB; ' +
        'above £1,000,000 they are shared in proportion to contributions; Northbrook Council ' +
        'pays at most £800,000. No partner pays more than it put in. Underspends are carried ' +
        'forward in the pool. Each scheme is its own risk unit. The group is hosted by NHS ' +
        'Northbrook ICB.',
    );
    expect(text).not.toMatch(/\d\.\d{3,}/);
  });
});

describe('describeRule: each method', () => {
  it.each<[RuleDoc, string, string]>([
    [
      proRata,
      'Overspends are shared in proportion to contributions.',
      'Underspends are returned in proportion to contributions.',
    ],
    [
      commissioned,
      'Overspends are shared in proportion to what each partner commissions.',
      'Underspends are returned in proportion to what each partner commissions.',
    ],
    [
      host,
      'Overspends fall to the host (Northbrook Council).',
      'Underspends go to the host (Northbrook Council).',
    ],
    [
      carry,
      'Overspends are set to be carried forward, which only underspends can be.',
      'Underspends are carried forward in the pool.',
    ],
    [
      { method: 'fixed', shares: { council: '60', icb: '40' } },
      'Overspends are shared 60% to Northbrook Council and 40% to NHS Northbrook ICB.',
      'Underspends are returned 60% to Northbrook Council and 40% to NHS Northbrook ICB.',
    ],
  ])('reads %j', (rule, overspend, underspend) => {
    expect(describeRule(rule, 'overspend', partners, 'council')).toBe(overspend);
    expect(describeRule(rule, 'underspend', partners, 'council')).toBe(underspend);
  });

  it('reads a host rule with no host known', () => {
    expect(describeRule(host, 'overspend', partners, '')).toBe('Overspends fall to the host.');
  });

  it('reads an unknown host id as the id', () => {
    expect(describeRule(host, 'underspend', partners, 'nhs-x')).toBe(
      'Underspends go to the host (nhs-x).',
    );
  });
});

describe('describeRule: fixed shares', () => {
  const fixed = (shares: Record<string, string>): RuleDoc => ({ method: 'fixed', shares });
  const read = (shares: Record<string, string>, side: 'overspend' | 'underspend' = 'overspend') =>
    describeRule(fixed(shares), side, partners, 'council');

  it('shows whole-number percentages of the total weight', () => {
    // Weights need not add up to 100: 3 : 2 is 60% : 40%.
    expect(read({ council: '3', icb: '2' })).toBe(
      'Overspends are shared 60% to Northbrook Council and 40% to NHS Northbrook ICB.',
    );
    expect(read({ council: '600', icb: '300', trust: '100' })).toBe(
      'Overspends are shared 60% to Northbrook Council, 30% to NHS Northbrook ICB and 10% to ' +
        'Northbrook Community Trust.',
    );
  });

  it('shows exact percentages with decimals', () => {
    expect(read({ council: '33.5', icb: '66.5' })).toBe(
      'Overspends are shared 33.5% to Northbrook Council and 66.5% to NHS Northbrook ICB.',
    );
    expect(read({ council: '1', icb: '7' })).toBe(
      'Overspends are shared 12.5% to Northbrook Council and 87.5% to NHS Northbrook ICB.',
    );
    expect(read({ council: '40.25', icb: '59.75' }, 'underspend')).toBe(
      'Underspends are returned 40.25% to Northbrook Council and 59.75% to NHS Northbrook ICB.',
    );
  });

  it('shows a ratio when the percentages would not be exact', () => {
    expect(read({ council: '1', icb: '2' })).toBe(
      'Overspends are shared between Northbrook Council and NHS Northbrook ICB in the ratio 1 : 2.',
    );
    expect(read({ council: '10', icb: '20', trust: '40' }, 'underspend')).toBe(
      'Underspends are returned to Northbrook Council, NHS Northbrook ICB and Northbrook ' +
        'Community Trust in the ratio 1 : 2 : 4.',
    );
    expect(read({ council: '0.5', icb: '1.5', trust: '1' })).toBe(
      'Overspends are shared between Northbrook Council, NHS Northbrook ICB and Northbrook ' +
        'Community Trust in the ratio 1 : 3 : 2.',
    );
  });

  it('shows the weights as given when the ratio has no small whole-number form', () => {
    expect(read({ council: '33.333333', icb: '66.666667' })).toBe(
      'Overspends are shared between Northbrook Council and NHS Northbrook ICB in the ratio ' +
        '33.333333 : 66.666667.',
    );
  });

  it('reads equal shares as equal, whatever the weights', () => {
    expect(read({ council: '50', icb: '50' })).toBe(
      'Overspends are shared equally between Northbrook Council and NHS Northbrook ICB.',
    );
    expect(read({ council: '1', icb: '1', trust: '1' }, 'underspend')).toBe(
      'Underspends are returned equally to Northbrook Council, NHS Northbrook ICB and ' +
        'Northbrook Community Trust.',
    );
  });

  it('leaves out partners with a zero share and lists the rest in plan order', () => {
    expect(read({ trust: '25', icb: '0', council: '75' })).toBe(
      'Overspends are shared 75% to Northbrook Council and 25% to Northbrook Community Trust.',
    );
  });

  it('reads a single partner taking everything', () => {
    expect(read({ icb: '100', council: '0' })).toBe('Overspends fall to NHS Northbrook ICB.');
    expect(read({ icb: '7' }, 'underspend')).toBe('Underspends are returned to NHS Northbrook ICB.');
  });

  it('does not throw on shares the backend would reject', () => {
    expect(read({ council: '0', icb: '0' })).toBe(
      'Overspends are shared in fixed shares, but no partner has a share above zero.',
    );
    expect(describeRule({ method: 'fixed' }, 'overspend', partners, 'council')).toBe(
      'Overspends are shared in fixed shares, but no partner has a share above zero.',
    );
    expect(read({ council: 'half', icb: '50' })).toBe(
      'Overspends are shared in fixed shares (Northbrook Council half and NHS Northbrook ICB 50).',
    );
  });

  it('names an unknown partner by its id, after the known ones', () => {
    expect(read({ ghost: '1', council: '3' })).toBe(
      'Overspends are shared 75% to Northbrook Council and 25% to ghost.',
    );
  });
});

describe('describeRule: tiered', () => {
  it('reads two bands', () => {
    const rule: RuleDoc = {
      method: 'tiered',
      bands: [{ up_to: '250000.00', rule: host }, { rule: proRata }],
    };
    expect(describeRule(rule, 'overspend', partners, 'council')).toBe(
      'Overspends up to £250,000 fall to the host (Northbrook Council); above that they are ' +
        'shared in proportion to contributions.',
    );
    expect(describeRule(rule, 'underspend', partners, 'council')).toBe(
      'Underspends up to £250,000 go to the host (Northbrook Council); above that they are ' +
        'returned in proportion to contributions.',
    );
  });

  it('reads three bands, as in the spec worked example', () => {
    const rule: RuleDoc = {
      method: 'tiered',
      bands: [
        { up_to: '250000.00', rule: host },
        { up_to: '1000000.00', rule: { method: 'fixed', shares: { council: '1', icb: '3' } } },
        { rule: proRata },
      ],
    };
    expect(describeRule(rule, 'overspend', partners, 'council')).toBe(
      'Overspends up to £250,000 fall to the host (Northbrook Council); from £250,000 to ' +
        '£1,000,000 they are shared 25% to Northbrook Council and 75% to NHS Northbrook ICB; ' +
        'above £1,000,000 they are shared in proportion to contributions.',
    );
  });

  it('reads pence in thresholds and a commissioned band', () => {
    const rule: RuleDoc = {
      method: 'tiered',
      bands: [{ up_to: '99999.99', rule: commissioned }, { rule: carry }],
    };
    expect(describeRule(rule, 'underspend', partners, 'council')).toBe(
      'Underspends up to £99,999.99 are returned in proportion to what each partner ' +
        'commissions; above that they are carried forward in the pool.',
    );
  });

  it('reads a single band as the band rule', () => {
    const rule: RuleDoc = { method: 'tiered', bands: [{ rule: host }] };
    expect(describeRule(rule, 'overspend', partners, 'icb')).toBe(
      'Overspends fall to the host (NHS Northbrook ICB).',
    );
  });

  it('does not throw on bands the backend would reject', () => {
    expect(describeRule({ method: 'tiered' }, 'overspend', partners, 'council')).toBe(
      'Overspends are shared in bands, but no bands are set.',
    );
    const nested: RuleDoc = {
      method: 'tiered',
      bands: [{ up_to: '1000.00', rule: { method: 'tiered', bands: [] } }, { rule: proRata }],
    };
    expect(describeRule(nested, 'overspend', partners, 'council')).toBe(
      'Overspends up to £1,000 are shared in further bands; above that they are shared in ' +
        'proportion to contributions.',
    );
    const firstOpen: RuleDoc = {
      method: 'tiered',
      bands: [{ rule: host }, { up_to: '5000.00', rule: proRata }],
    };
    expect(describeRule(firstOpen, 'overspend', partners, 'council')).toBe(
      'Overspends fall to the host (Northbrook Council); to £5,000 they are shared in ' +
        'proportion to contributions.',
    );
  });
});

describe('helpers', () => {
  it('joins names the British way', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('finds partner names and falls back to the id', () => {
    expect(partnerName('icb', partners)).toBe('NHS Northbrook ICB');
    expect(partnerName('who', partners)).toBe('who');
    expect(partnerName('council', [])).toBe('council');
  });
});
