package dev.takedown.core.model;

/**
 * How many requests a principal's API keys may make: the gateway holds each plan's rate and burst (template
 * parameters) and applies them before any function runs. Every principal is on STANDARD until staff choose another.
 */
public enum RatePlan {
    STANDARD, HIGH_VOLUME
}
