package dev.takedown.bench.launch.crac;

public class RestoreException extends Exception {
    public RestoreException() {
    }
}
