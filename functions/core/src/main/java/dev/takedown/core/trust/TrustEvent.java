package dev.takedown.core.trust;

import java.time.Instant;

/**
 * One change to a rightholder's trust or a seller's standing or strikes, kept forever: who made it, when, what it
 * was, from what to what, and why.
 *
 * @param subject {@code rightholder:<id>} or {@code seller:<id>}
 */
public record TrustEvent(String subject, Instant at, String actor, String kind, String from, String to, String reason) {

    public static String rightholder(String rightholderId) {
        return "rightholder:" + rightholderId;
    }

    public static String seller(String sellerId) {
        return "seller:" + sellerId;
    }
}
