package dev.takedown.local;

/** The template uses something the local stack cannot run; the message names the resource and property. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
