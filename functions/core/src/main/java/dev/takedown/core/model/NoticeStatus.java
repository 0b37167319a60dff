package dev.takedown.core.model;

public enum NoticeStatus {
    RECEIVED,
    IN_PROGRESS,
    COMPLETED
}
