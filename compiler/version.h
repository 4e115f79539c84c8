/* version.h - the version of polc and of the tables it writes. */
#ifndef POL_VERSION_H
#define POL_VERSION_H

#define POL_VERSION "0.1.0"

#endif
