package dev.takedown.bench.launch.crac;

/** The CRaC context as org.crac's compatibility layer expects to find it. */
public abstract class Context<R extends Resource> implements Resource {
    protected Context() {
    }

    public abstract void register(R resource);
}
