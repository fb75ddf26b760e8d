package io.settle.app.console;

/** The console's fixed paths. */
final class ConsolePaths {

    static final String ROOT = "/console";
    static final String LOGIN = ROOT + "/login";
    static final String DEV_LOGIN = ROOT + "/dev-login";
    static final String LOGOUT = ROOT + "/logout";
    /** The console's own CSS and JS, under src/main/resources/static/console/assets. */
    static final String ASSETS = ROOT + "/assets/";

    private ConsolePaths() {
    }
}
