package dev.takedown.aws;

import dev.takedown.core.ports.InvalidCursorException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sparse index whose partition is a month ({@code YYYY-MM}) and whose sort key starts with the day: the rows of a
 * period are read month by month, each month in the order of its sort key.
 */
record MonthIndex(String table, String index, String monthAttribute, String sortAttribute) {

    /** The month a cursor's row lies in; a row outside the period means a cursor given with another one. */
    static YearMonth resumeIn(LocalDate rowDay, LocalDate from, LocalDate to) {
        if (rowDay.isBefore(from) || rowDay.isAfter(to)) {
            throw new InvalidCursorException("a cursor of another period");
        }
        return YearMonth.from(rowDay);
    }

    /**
     * Hands {@code take} the rows whose sort key lies between {@code sortFrom} and {@code sortTo}, from the month
     * {@code first} (after {@code exclusiveStart} in it, if given) to the month of {@code to}, until it answers false.
     *
     * @param pageSize the rows DynamoDB reads a request: no more than the caller can take, and one to look ahead
     * @return false when {@code take} stopped the reading, true when every row was taken
     */
    boolean read(DynamoDbClient dynamo, String sortFrom, String sortTo, YearMonth first, LocalDate to,
                 Map<String, AttributeValue> exclusiveStart, int pageSize, Predicate<Map<String, AttributeValue>> take) {
        Map<String, AttributeValue> start = exclusiveStart;
        for (YearMonth month = first; !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1), start = null) {
            String monthKey = month.toString();
            Map<String, AttributeValue> after = start;
            for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).indexName(index)
                    .keyConditionExpression("#m = :m AND #s BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#m", monthAttribute, "#s", sortAttribute))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(monthKey),
                            ":from", AttributeValue.fromS(sortFrom), ":to", AttributeValue.fromS(sortTo)))
                    .exclusiveStartKey(after)
                    .limit(pageSize)).items()) {
                if (!take.test(row)) {
                    return false;
                }
            }
        }
        return true;
    }
}
