<?php
/*
 * SfePlugin.php — the sfia-evidence plugin's C door (plugin/include/sfe.h) through PHP's FFI.
 *
 * One object is one plugin handle (sfe_open … sfe_close). Every string the plugin hands back
 * through an OUT parameter is copied into PHP and released with sfe_free() at once; the handle is
 * closed by close() (and, as a safety net, by the destructor). Typical use, one handle per request:
 *
 *     $plugin = Sfe\SfePlugin::open($library, ['store.path' => '/var/lib/lms/sfe.db']);
 *     try {
 *         $result = $plugin->call('record', '{"events": [...]}');
 *     } finally {
 *         $plugin->close();
 *     }
 *
 * The declarations come from sfe.ffi.h beside this file (sfe.h without its preprocessor lines).
 * Two ways to load them:
 *   - FFI::cdef() with the library's path (SfePlugin::open's $library). PHP allows this in the CLI;
 *     under the CLI server, PHP-FPM or Apache it needs ffi.enable=1.
 *   - preloaded: with ffi.preload=sfe.ffi.h (and the library findable by the dynamic loader under
 *     the name in its FFI_LIB line) PHP loads the library once at start-up and this class takes the
 *     scope "SFE" (FFI::scope). That works with ffi.enable=preload, PHP's default outside the CLI.
 *
 * No host callbacks are passed (sfe_open's host is NULL): the plugin may call them from its own
 * threads, and a PHP closure must not run on a thread PHP does not know.
 *
 * Standard PHP 8.1+ with the FFI extension; nothing else.
 */

declare(strict_types=1);

namespace Sfe;

final class SfePlugin
{
    /** The SFE_ABI_VERSION this wrapper was written against (sfe/Version.h). */
    public const ABI_VERSION = 1;

    /** Status codes, as sfe.h defines them. Extended codes are primary | (n << 8). */
    public const OK = 0;
    public const ERROR = 1;
    public const INVALID = 2;
    public const NOTFOUND = 3;
    public const CONFLICT = 4;
    public const STORE = 5;
    public const MISUSE = 6;
    public const CONFIG = 7;
    public const ABI = 8;
    public const NETWORK = 9;
    public const BUSY = 10;
    public const FORBIDDEN = 11;

    /** The FFI scope name that sfe.ffi.h's FFI_SCOPE line gives a preloaded library. */
    public const SCOPE = 'SFE';

    /** @var array<string, \FFI> FFI instances per library path, for this request. */
    private static array $bindings = [];

    private \FFI $ffi;
    private ?\FFI\CData $handle;

    private function __construct(\FFI $ffi, \FFI\CData $handle)
    {
        $this->ffi = $ffi;
        $this->handle = $handle;
    }

    /**
     * The FFI binding of the C door: the preloaded scope "SFE" when there is one, else sfe.ffi.h
     * declared against $library with FFI::cdef(). Checks the library's ABI version.
     *
     * @throws SfeException (status ABI or ERROR) when the library cannot be loaded or does not match.
     */
    public static function binding(?string $library): \FFI
    {
        $key = $library ?? '';
        return self::$bindings[$key] ??= self::load($library);
    }

    /**
     * Loads the binding as binding() does, without keeping it: for a check at start-up (preload.php).
     * Returns the library's release.
     */
    public static function check(?string $library): string
    {
        return self::load($library)->sfe_libversion();
    }

    private static function load(?string $library): \FFI
    {
        $ffi = null;
        try {
            $ffi = \FFI::scope(self::SCOPE);
        } catch (\FFI\Exception $e) {
            $notPreloaded = $e->getMessage();     // Not preloaded: declare it ourselves.
        }
        if ($ffi === null) {
            if ($library === null || $library === '') {
                throw new SfeException(self::CONFIG, 'config', 'no plugin library: set SFE_PLUGIN_LIBRARY, or '
                    . 'preload sfe.ffi.h and preload.php (FFI::scope: ' . $notPreloaded . ')');
            }
            if (!is_file($library)) {
                throw new SfeException(self::CONFIG, 'config', "plugin library $library does not exist");
            }
            try {
                $ffi = \FFI::cdef(self::declarations(), $library);
            } catch (\FFI\Exception $e) {
                // e.g. "FFI API is restricted by "ffi.enable" configuration directive"
                throw new SfeException(self::ERROR, 'error', "cannot load $library through FFI: " . $e->getMessage());
            }
        }
        $abi = $ffi->sfe_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new SfeException(self::ABI, 'abi',
                sprintf('the plugin implements ABI %d, this host was written for ABI %d', $abi, self::ABI_VERSION));
        }
        return $ffi;
    }

    /** sfe.ffi.h as FFI::cdef() takes it: without its #define FFI_SCOPE / FFI_LIB lines. */
    public static function declarations(): string
    {
        $text = file_get_contents(__DIR__ . '/sfe.ffi.h');
        if ($text === false) {
            throw new SfeException(self::ERROR, 'error', 'cannot read ' . __DIR__ . '/sfe.ffi.h');
        }
        return preg_replace('/^[ \t]*#.*$/m', '', $text);
    }

    /**
     * Opens a plugin handle (sfe_open). $config is the configuration object: an array of keys and
     * values, or its JSON text; null takes the manifest's defaults.
     *
     * @throws SfeException with the plugin's status and message when it cannot be opened.
     */
    public static function open(?string $library, array|string|null $config): self
    {
        $ffi = self::binding($library);
        if (is_array($config)) {
            $config = self::json($config === [] ? new \stdClass() : $config);
        }
        $out = $ffi->new('sfe_plugin*');
        $error = $ffi->new('char*');
        $status = $ffi->sfe_open($config, null, \FFI::addr($out), \FFI::addr($error));
        $message = self::take($ffi, $error);
        if ($status !== self::OK || \FFI::isNull($out)) {
            throw new SfeException($status, self::errorName($status),
                $message ?? $ffi->sfe_errstr($status));
        }
        return new self($ffi, $out);
    }

    /**
     * Runs one operation (sfe_call). $request is the request object as an array or as JSON text
     * (passed through unchanged); null means "{}". Never throws for a plugin status: the result
     * carries it.
     */
    public function call(string $operation, array|string|null $request = null): SfeResult
    {
        if ($this->handle === null) {
            throw new SfeException(self::MISUSE, 'misuse', 'the plugin handle is closed');
        }
        if (is_array($request)) {
            $request = self::json($request === [] ? new \stdClass() : $request);
        }
        $response = $this->ffi->new('char*');
        $status = $this->ffi->sfe_call($this->handle, $operation, $request, \FFI::addr($response));
        $json = self::take($this->ffi, $response);
        $message = $status === self::OK ? '' : $this->ffi->sfe_errmsg($this->handle);
        return new SfeResult($status, $json, $message);
    }

    /** Closes the handle (sfe_close); a second close is a no-op. */
    public function close(): void
    {
        if ($this->handle !== null) {
            $handle = $this->handle;
            $this->handle = null;
            $this->ffi->sfe_close($handle);
        }
    }

    public function __destruct()
    {
        $this->close();
    }

    /** The plugin's release ("X.Y.Z"). */
    public static function version(?string $library): string
    {
        return self::binding($library)->sfe_libversion();
    }

    /** The static English description of a status (sfe_errstr). */
    public static function describe(?string $library, int $status): string
    {
        return self::binding($library)->sfe_errstr($status);
    }

    /** The error name the plugin's error objects use for a status ("invalid", "notFound", …). */
    public static function errorName(int $status): string
    {
        return [
            self::OK => 'ok', self::ERROR => 'error', self::INVALID => 'invalid', self::NOTFOUND => 'notFound',
            self::CONFLICT => 'conflict', self::STORE => 'store', self::MISUSE => 'misuse', self::CONFIG => 'config',
            self::ABI => 'abi', self::NETWORK => 'network', self::BUSY => 'busy',
            self::FORBIDDEN => 'forbidden',
        ][$status & 0xff] ?? 'error';
    }

    /** Copies a plugin-owned string into PHP and releases it with sfe_free(); null for NULL. */
    private static function take(\FFI $ffi, \FFI\CData $pointer): ?string
    {
        if (\FFI::isNull($pointer)) {
            return null;
        }
        try {
            return \FFI::string($pointer);
        } finally {
            $ffi->sfe_free($pointer);
        }
    }

    private static function json(mixed $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION
            | JSON_THROW_ON_ERROR);
    }
}
