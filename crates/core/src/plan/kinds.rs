//! The closed lists of spec §2 and §2.1, each value with the words people read.

use serde::{Deserialize, Serialize};

/// Declares a closed list read from snake_case text, with a label for people and `ALL` in order.
macro_rules! closed_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The words shown to people, e.g. on the board paper.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }
    };
}

closed_list!(
    /// What kind of body a partner is; `icb` and `ccg` are the NHS kinds.
    PartnerKind {
        Icb => "ICB",
        Ccg => "CCG",
        Council => "Council",
        Other => "Other",
    }
);

impl PartnerKind {
    pub fn is_nhs(self) -> bool {
        matches!(self, PartnerKind::Icb | PartnerKind::Ccg)
    }
}

closed_list!(
    /// The source of a funding stream.
    StreamKind {
        NhsMinimum => "NHS minimum contribution",
        Ibcf => "Improved Better Care Fund",
        Dfg => "Disabled Facilities Grant",
        LaDischarge => "Local authority discharge funding",
        IcbDischarge => "ICB discharge funding",
        AdditionalLa => "Additional local authority contribution",
        AdditionalNhs => "Additional NHS contribution",
        Other => "Other",
    }
);

closed_list!(
    /// The BCF scheme type of a line of spend.
    SchemeType {
        AssistiveTechnologies => "Assistive technologies and equipment",
        CareActDuties => "Care Act implementation related duties",
        CarersServices => "Carers services",
        CommunityBasedSchemes => "Community based schemes",
        DfgRelated => "DFG related schemes",
        EnablersForIntegration => "Enablers for integration",
        HighImpactChangeModel => "High impact change model for managing transfer of care",
        HomeCare => "Home care or domiciliary care",
        HousingRelated => "Housing related schemes",
        IntegratedCarePlanning => "Integrated care planning and navigation",
        BedBasedIntermediateCare => "Bed based intermediate care services",
        HomeBasedIntermediateCare => "Home-based intermediate care services",
        UrgentCommunityResponse => "Urgent community response",
        PersonalisedBudgeting => "Personalised budgeting and commissioning",
        PersonalisedCareAtHome => "Personalised care at home",
        PreventionEarlyIntervention => "Prevention / early intervention",
        ResidentialPlacements => "Residential placements",
        WorkforceRecruitmentRetention => "Workforce recruitment and retention",
        RiskReserve => "Risk reserve",
        Other => "Other",
    }
);

closed_list!(
    /// Where a scheme's money is spent.
    AreaOfSpend {
        SocialCare => "Social care",
        CommunityHealth => "Community health",
        ContinuingCare => "Continuing care",
        PrimaryCare => "Primary care",
        MentalHealth => "Mental health",
        Acute => "Acute",
        Other => "Other",
    }
);

closed_list!(
    /// Who provides a scheme's service.
    ProviderKind {
        LocalAuthority => "Local authority",
        NhsCommunity => "NHS community provider",
        NhsAcute => "NHS acute provider",
        NhsMentalHealth => "NHS mental health provider",
        Icb => "ICB",
        PrivateSector => "Private sector",
        VoluntarySector => "Voluntary sector",
        Other => "Other",
    }
);

closed_list!(
    /// How a risk-share rule shares a variance (spec §2.2).
    RuleMethod {
        ProRataContributions => "in proportion to contributions",
        ProRataCommissioned => "in proportion to what each partner commissions",
        Fixed => "in fixed shares",
        Host => "to the host",
        Tiered => "in bands",
        CarryForward => "carried forward in the pool",
        ProRataAmounts => "in proportion to stated amounts",
        Agreed => "as agreed by the board",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spec_words_and_labels_them() {
        let kind: SchemeType = serde_json::from_str(r#""home_based_intermediate_care""#).unwrap();
        assert_eq!(kind, SchemeType::HomeBasedIntermediateCare);
        assert_eq!(SchemeType::ALL.len(), 20);
        assert_eq!(
            serde_json::to_string(&StreamKind::LaDischarge).unwrap(),
            r#""la_discharge""#
        );
        assert!(serde_json::from_str::<AreaOfSpend>(r#""hospital""#).is_err());
        assert!(PartnerKind::Ccg.is_nhs() && !PartnerKind::Council.is_nhs());
        assert_eq!(
            RuleMethod::ProRataCommissioned.label(),
            "in proportion to what each partner commissions"
        );
    }
}
