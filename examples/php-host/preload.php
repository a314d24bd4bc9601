<?php
/*
 * preload.php — for PHP's default ffi.enable=preload (PHP-FPM, Apache, the CLI server): with
 *
 *   ffi.enable     = preload
 *   ffi.preload    = /path/to/php-host/src/sfe.ffi.h      ; loads the library (FFI_LIB) as scope "SFE"
 *   opcache.enable = 1                                    ; opcache.enable_cli = 1 for the CLI server
 *   opcache.preload = /path/to/php-host/preload.php
 *   opcache.preload_user = www-data                       ; required when PHP starts as root
 *
 * PHP loads the plugin library once at start-up, and the FFI API is allowed only to code that was
 * preloaded: this script preloads the Sfe classes, whose SfePlugin then takes the scope "SFE".
 * It also checks, once, that the library is there and implements the ABI the classes expect: PHP
 * does not start otherwise.
 */

declare(strict_types=1);

require __DIR__ . '/src/SfeException.php';
require __DIR__ . '/src/SfeResult.php';
require __DIR__ . '/src/SfePlugin.php';

Sfe\SfePlugin::check(null);
