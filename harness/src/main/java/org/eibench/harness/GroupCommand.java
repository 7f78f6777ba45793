package org.eibench.harness;

import picocli.CommandLine;

/** A command that groups subcommands (tasks, models, data, runtime): on its own it prints its usage. */
abstract class GroupCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
