// Generated from src/plan/kinds.rs by tests/typescript_bindings.rs. Do not edit.

export const PARTNER_KIND_LABELS = {
  "icb": "ICB",
  "ccg": "CCG",
  "council": "Council",
  "other": "Other",
} as const;

export const STREAM_KIND_LABELS = {
  "nhs_minimum": "NHS minimum contribution",
  "ibcf": "Improved Better Care Fund",
  "dfg": "Disabled Facilities Grant",
  "la_discharge": "Local authority discharge funding",
  "icb_discharge": "ICB discharge funding",
  "additional_la": "Additional local authority contribution",
  "additional_nhs": "Additional NHS contribution",
  "other": "Other",
} as const;

export const SCHEME_TYPE_LABELS = {
  "assistive_technologies": "Assistive technologies and equipment",
  "care_act_duties": "Care Act implementation related duties",
  "carers_services": "Carers services",
  "community_based_schemes": "Community based schemes",
  "dfg_related": "DFG related schemes",
  "enablers_for_integration": "Enablers for integration",
  "high_impact_change_model": "High impact change model for managing transfer of care",
  "home_care": "Home care or domiciliary care",
  "housing_related": "Housing related schemes",
  "integrated_care_planning": "Integrated care planning and navigation",
  "bed_based_intermediate_care": "Bed based intermediate care services",
  "home_based_intermediate_care": "Home-based intermediate care services",
  "urgent_community_response": "Urgent community response",
  "personalised_budgeting": "Personalised budgeting and commissioning",
  "personalised_care_at_home": "Personalised care at home",
  "prevention_early_intervention": "Prevention / early intervention",
  "residential_placements": "Residential placements",
  "workforce_recruitment_retention": "Workforce recruitment and retention",
  "risk_reserve": "Risk reserve",
  "other": "Other",
} as const;

export const AREA_OF_SPEND_LABELS = {
  "social_care": "Social care",
  "community_health": "Community health",
  "continuing_care": "Continuing care",
  "primary_care": "Primary care",
  "mental_health": "Mental health",
  "acute": "Acute",
  "other": "Other",
} as const;

export const PROVIDER_KIND_LABELS = {
  "local_authority": "Local authority",
  "nhs_community": "NHS community provider",
  "nhs_acute": "NHS acute provider",
  "nhs_mental_health": "NHS mental health provider",
  "icb": "ICB",
  "private_sector": "Private sector",
  "voluntary_sector": "Voluntary sector",
  "other": "Other",
} as const;

export const RULE_METHOD_LABELS = {
  "pro_rata_contributions": "in proportion to contributions",
  "pro_rata_commissioned": "in proportion to what each partner commissions",
  "fixed": "in fixed shares",
  "host": "to the host",
  "tiered": "in bands",
  "carry_forward": "carried forward in the pool",
  "pro_rata_amounts": "in proportion to stated amounts",
  "agreed": "as agreed by the board",
} as const;
