package dev.takedown.bench.launch.crac;

public class CheckpointException extends Exception {
    public CheckpointException() {
    }
}
