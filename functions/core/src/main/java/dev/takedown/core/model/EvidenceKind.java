package dev.takedown.core.model;

public enum EvidenceKind {
    SCREENSHOT,
    TEST_BUY,
    COMPARISON_IMAGE,
    CERTIFICATE,
    DOCUMENT,
    OTHER
}
