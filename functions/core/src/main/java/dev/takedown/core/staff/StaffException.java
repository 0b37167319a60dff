package dev.takedown.core.staff;

import dev.takedown.core.problem.FieldError;
import java.util.List;

/** A staff operation that cannot be done as asked; nothing was changed. Carries the answer to give. */
public final class StaffException extends RuntimeException {
    public enum Type {
        InvalidRequest, UnknownOperation, WrongFunction, NotFound, Conflict
    }

    private final Type type;
    private final transient List<FieldError> errors;

    public StaffException(Type type, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    static StaffException notFound(String field, String message) {
        return new StaffException(Type.NotFound, message, List.of(new FieldError(field, message)));
    }

    static StaffException conflict(String field, String message) {
        return new StaffException(Type.Conflict, message, List.of(new FieldError(field, message)));
    }

    public Type type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
