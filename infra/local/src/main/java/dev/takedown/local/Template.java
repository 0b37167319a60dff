package dev.takedown.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack runs from template.yaml: parameter values, tables, queues, functions and the API.
 * {@code resourceTypes} maps every logical id to its type, for resolving references.
 */
record Template(Map<String, String> parameters, Map<String, String> resourceTypes, List<TableDef> tables,
        List<QueueDef> queues, List<FunctionDef> functions, Optional<ApiDef> api) {

    static final String TABLE = "AWS::DynamoDB::Table";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String API = "AWS::Serverless::Api";
    static final String API_KEY = "AWS::ApiGateway::ApiKey";
    static final String USAGE_PLAN = "AWS::ApiGateway::UsagePlan";
    static final String USAGE_PLAN_KEY = "AWS::ApiGateway::UsagePlanKey";

    static Template load(Path file, Map<String, String> parameterOverrides) {
        try {
            return parse(Files.readString(file), file.getFileName().toString(), parameterOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    static Template parse(String yaml, String source, Map<String, String> parameterOverrides) {
        return new TemplateReader(yaml, source, parameterOverrides).read();
    }

    FunctionDef function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in the template"));
    }

    Optional<TableDef> table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }
}
