/* commands.h — the subcommands of the edudx binary, each in its own file: serve (cmd_serve.c),
 * migrate (cmd_migrate.c) and token create (cmd_token.c). argv[0] is the subcommand's name. */
#ifndef EDX_APP_COMMANDS_H
#define EDX_APP_COMMANDS_H

int edx_cmd_serve(int argc, char **argv);
int edx_cmd_migrate(int argc, char **argv);
int edx_cmd_token(int argc, char **argv);
#endif
