package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class SqsBatchSenderTest {
    private static List<SendMessageBatchRequestEntry> entries(int count, int bytesEach) {
        return IntStream.range(0, count)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody("x".repeat(bytesEach)).build())
                .toList();
    }

    @Test
    void smallMessagesGoTenToARequest() {
        assertThat(SqsBatchSender.batches(entries(25, 100))).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void largeMessagesGoAsManyAsFitInOneRequest() {
        List<List<SendMessageBatchRequestEntry>> batches = SqsBatchSender.batches(entries(10, 100 * 1024));
        assertThat(batches).extracting(List::size).containsExactly(2, 2, 2, 2, 2);
        assertThat(batches).flatExtracting(b -> b).extracting(SendMessageBatchRequestEntry::id)
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }
}
