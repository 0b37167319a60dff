package dev.takedown.core.model;

public enum EvidenceKind {
    SCREENSHOT,
    TEST_BUY,
    COMPARISON_IMAGE,
    CERTIFICATE,
    DOCUMENT,
    OTHER;

    public static EvidenceKind parse(String value) {
        for (EvidenceKind kind : values()) {
            if (kind.name().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
