package dev.takedown.local;

import java.util.List;
import java.util.Map;

/** An {@code AWS::DynamoDB::Table}: its keys and global secondary indexes. */
record TableDef(String logicalId, Map<String, String> attributeTypes, List<KeyElement> keySchema,
        List<IndexDef> globalSecondaryIndexes) {

    record KeyElement(String attributeName, String keyType) {
    }

    record IndexDef(String indexName, List<KeyElement> keySchema, String projectionType,
            List<String> nonKeyAttributes) {
    }
}
