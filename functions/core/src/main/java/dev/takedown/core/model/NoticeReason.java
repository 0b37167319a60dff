package dev.takedown.core.model;

/** Why the sender says the listings infringe; each reason can only be backed by one type of right. */
public enum NoticeReason {
    COUNTERFEIT(RightType.TRADEMARK),
    TRADEMARK(RightType.TRADEMARK),
    COPYRIGHT(RightType.COPYRIGHT),
    DESIGN(RightType.DESIGN),
    PATENT(RightType.PATENT);

    private final RightType requiredRight;

    NoticeReason(RightType requiredRight) {
        this.requiredRight = requiredRight;
    }

    public RightType requiredRight() {
        return requiredRight;
    }
}
