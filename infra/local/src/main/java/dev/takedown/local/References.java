package dev.takedown.local;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Ref, Fn::GetAtt and Fn::Sub to local values. Local tables and queues are named after their logical
 * ids; queue URLs come from the running SQS emulator.
 */
final class References {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final Map<String, String> resourceTypes;
    private final Map<String, String> parameters;
    private final UnaryOperator<String> queueUrls;

    References(Map<String, String> resourceTypes, Map<String, String> parameters, UnaryOperator<String> queueUrls) {
        this.resourceTypes = resourceTypes;
        this.parameters = parameters;
        this.queueUrls = queueUrls;
    }

    static String queueArn(String queue) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queue;
    }

    static String tableArn(String table) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + table;
    }

    static String functionArn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    String resolve(Intrinsic value, String where) {
        if (value instanceof Intrinsic.Literal literal) {
            return literal.value();
        }
        if (value instanceof Intrinsic.Ref ref) {
            return ref(ref.target(), where);
        }
        if (value instanceof Intrinsic.GetAtt getAtt) {
            return getAtt(getAtt.target(), getAtt.attribute(), where);
        }
        return sub(((Intrinsic.Sub) value).text(), where);
    }

    private String ref(String target, String where) {
        switch (target) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return "local";
            default:
                break;
        }
        if (parameters.containsKey(target)) {
            return parameters.get(target);
        }
        String type = typeOf(target, where);
        return switch (type) {
            // A usage plan's local id is its logical id, as the local API Gateway keys know it.
            case Template.TABLE, Template.FUNCTION, Template.USAGE_PLAN -> target;
            case Template.QUEUE -> queueUrls.apply(target);
            default -> throw unsupported("Ref", target, type, where);
        };
    }

    private String getAtt(String target, String attribute, String where) {
        String type = typeOf(target, where);
        return switch (type + "." + attribute) {
            case Template.QUEUE + ".Arn" -> queueArn(target);
            case Template.QUEUE + ".QueueName" -> target;
            case Template.QUEUE + ".QueueUrl" -> queueUrls.apply(target);
            case Template.TABLE + ".Arn" -> tableArn(target);
            case Template.FUNCTION + ".Arn" -> functionArn(target);
            default -> throw unsupported("Fn::GetAtt", target + "." + attribute, type, where);
        };
    }

    private String sub(String text, String where) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = getAtt(name.substring(0, dot), name.substring(dot + 1), where);
            } else {
                replacement = ref(name, where);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String typeOf(String target, String where) {
        String type = resourceTypes.get(target);
        if (type == null) {
            throw new TemplateException(where + ": refers to " + target
                    + ", which is neither a parameter nor a resource of the template");
        }
        return type;
    }

    private static TemplateException unsupported(String intrinsic, String target, String type, String where) {
        return new TemplateException(where + ": " + intrinsic + " " + target + " (" + type
                + ") is not supported by the local stack");
    }
}
