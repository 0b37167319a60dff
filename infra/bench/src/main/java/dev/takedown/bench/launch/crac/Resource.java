package dev.takedown.bench.launch.crac;

/** The CRaC resource as org.crac's compatibility layer expects to find it (an interface, so that it can proxy it). */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
