package org.eibench.harness;

import picocli.CommandLine;

/** A command that reads the bundled data or the task catalog: --data and --data-root, and where it prints. */
abstract class CatalogCommand {

    @CommandLine.Mixin
    DataOption data = new DataOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
