package io.dipstream.frames;

/**
 * Input the user must fix (a missing file, not an image or video, a size that does not fit). Its
 * message names the file and the problem; the command line turns it into exit code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
