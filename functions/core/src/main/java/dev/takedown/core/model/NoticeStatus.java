package dev.takedown.core.model;

public enum NoticeStatus {
    RECEIVED,
    IN_PROGRESS,
    COMPLETED;

    public static NoticeStatus parse(String value) {
        for (NoticeStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
