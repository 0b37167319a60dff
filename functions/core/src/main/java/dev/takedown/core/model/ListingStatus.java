package dev.takedown.core.model;

public enum ListingStatus {
    ACTIVE,
    REMOVED
}
